package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process that holds the lock is killed with SIGKILL at a random moment of a run that
 * mixes transactional changesets with concurrent index builds outside a transaction. Each
 * time, the changelog table matches the schema, and the next start completes with no
 * manual step.
 */
class KillReliabilityIT {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@TempDir
	Path directory;

	@Test
	void holderKilledAtRandomMomentsLeavesAConsistentStateAndTheNextStartCompletes() throws Exception {
		int kills = Reliability.size("kill.count", 4, 20);
		Random random = Reliability.random("kill");
		Changelogs changelog = Changelogs.mixed(this.directory, 18, 200_000);
		JdbcTemplate jdbc = database.jdbc();
		SchemaState state = new SchemaState(jdbc, changelog);
		List<Duration> recoveries = new ArrayList<>();
		int midRun = 0;
		int cutIndexBuilds = 0;
		for (int kill = 1; kill <= kills; kill++) {
			database.reset();
			long delay = random.nextInt(4000);
			try (AppProcess holder = AppProcess.start(database, changelog.location(), "--lockstep.mode=migrate-only")) {
				await().atMost(Duration.ofMinutes(1))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> !AdvisoryLocks.holders(jdbc).isEmpty() || !holder.isAlive());
				Thread.sleep(delay);
				boolean killed = holder.isAlive();
				holder.kill();
				int applied = state.recorded().size();
				List<String> invalid = state.invalidIndexes();
				midRun += killed ? 1 : 0;
				cutIndexBuilds += invalid.isEmpty() ? 0 : 1;
				System.out.printf("Kill %d/%d: %s %d ms after the lock was taken, %d changesets recorded, "
						+ "INVALID indexes left: %s%n", kill, kills, killed ? "SIGKILL" : "(run already done)", delay,
						applied, invalid);
				state.assertConsistent();
			}
			long restarted = System.nanoTime();
			try (AppProcess next = AppProcess.start(database, changelog.location(), "--lockstep.mode=migrate-only")) {
				assertThat(next.awaitExit(Duration.ofMinutes(3))).as(next.output()).isZero();
			}
			recoveries.add(Duration.ofNanos(System.nanoTime() - restarted));
			state.assertComplete();
		}
		System.out.printf("Kill -9: %d kills (%d mid-run, %d cut an index build midway); next start to complete "
				+ "(JVM start included): %s%n", kills, midRun, cutIndexBuilds, Percentiles.of(recoveries));
		assertThat(midRun).as("kills that landed while the run went on").isPositive();
	}

}

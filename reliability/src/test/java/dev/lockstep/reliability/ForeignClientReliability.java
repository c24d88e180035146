package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lockstep.reliability.foreign.ForeignLiquibase;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.ClassDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plain Liquibase (its own API, in a process without Lockstep) and Lockstep on one
 * database: never a double run, whichever starts first. After a SIGKILL of Lockstep in the
 * middle of a run, the plain client waits for the changelog lock row Lockstep left until
 * {@code --lockstep.command=release-locks} frees it (or the next Lockstep start
 * reclaims it); release-locks leaves a live client's row alone. Each database family's
 * test extends this against its real server.
 */
abstract class ForeignClientReliability {

	/** Liquibase's poll for its lock row, in seconds (its default is 10). */
	private static final String POLL_RATE = "-Dliquibase.changelogLockPollRate=1";

	@TempDir
	Path directory;

	/**
	 * Return the database the tests run on, emptied before each test.
	 * @return the database
	 */
	protected abstract ClassDatabase database();

	/**
	 * Return a journaled changelog in the database's SQL.
	 * @param directory where to write it
	 * @param count how many changesets besides the journal's
	 * @param slowSeconds how long the middle one sleeps
	 * @return the changelog
	 */
	protected abstract Changelogs journaled(Path directory, int count, double slowSeconds);

	@Test
	void plainLiquibaseFirstThenLockstep() throws Exception {
		Changelogs changelog = journaled(this.directory, 20, 8.0);
		try (AppProcess foreign = foreign(changelog)) {
			awaitJournalRows(1);
			// The plain client holds its lock row: release-locks must leave it alone.
			try (AppProcess release = AppProcess.start(database(), changelog.location(),
					"--lockstep.command=release-locks")) {
				assertThat(release.awaitExit(Duration.ofMinutes(1))).as(release.output()).isEqualTo(2);
				assertThat(release.output()).contains("not by a Lockstep process: left alone");
			}
			try (ConfigurableApplicationContext lockstep = MigratingApplication.start(database(), changelog.location())) {
				assertThat(lockstep.isActive()).isTrue();
			}
			assertThat(foreign.awaitExit(Duration.ofMinutes(2))).as(foreign.output()).isZero();
		}
		new Journal(database().jdbc()).assertRanExactlyOnce(changelog.journaled());
	}

	@Test
	void lockstepFirstThenPlainLiquibase() throws Exception {
		Changelogs changelog = journaled(this.directory, 20, 3.0);
		CompletableFuture<ConfigurableApplicationContext> lockstep = CompletableFuture
			.supplyAsync(() -> MigratingApplication.start(database(), changelog.location()));
		awaitJournalRows(1);
		try (AppProcess foreign = foreign(changelog)) {
			assertThat(foreign.awaitExit(Duration.ofMinutes(2))).as(foreign.output()).isZero();
		}
		lockstep.get(2, TimeUnit.MINUTES).close();
		new Journal(database().jdbc()).assertRanExactlyOnce(changelog.journaled());
	}

	@Test
	void releaseLocksFreesTheRowAKilledLockstepLeftForAPlainClient() throws Exception {
		Changelogs changelog = journaled(this.directory, 20, 5.0);
		try (AppProcess killed = AppProcess.start(database(), changelog.location(), "--lockstep.mode=migrate-only")) {
			// In the middle of the slow changeset.
			awaitJournalRows(9);
			killed.kill();
		}
		JdbcTemplate jdbc = database().jdbc();
		String lockTable = database().changelogTable() + "LOCK";
		assertThat(jdbc.queryForObject("SELECT lockedby FROM " + lockTable + " WHERE locked", String.class))
			.startsWith("Lockstep ");
		try (AppProcess foreign = foreign(changelog)) {
			long blockedSince = System.nanoTime();
			Thread.sleep(3000);
			assertThat(foreign.isAlive()).as("the plain client waits for the row; its output:%n%s", foreign.output())
				.isTrue();
			long released;
			try (AppProcess release = AppProcess.start(database(), changelog.location(),
					"--lockstep.command=release-locks")) {
				assertThat(release.awaitExit(Duration.ofMinutes(1))).as(release.output()).isZero();
				released = release.exitedAt();
				assertThat(release.output()).contains("Released Liquibase's changelog lock").contains("Lockstep ");
			}
			assertThat(foreign.awaitExit(Duration.ofMinutes(2))).as(foreign.output()).isZero();
			System.out.printf("Foreign client after a SIGKILL of Lockstep: blocked %.1f s, until release-locks "
					+ "(its JVM start included) freed the row; done %.1f s after that (Liquibase polls every 1 s here, "
					+ "10 s by default)%n", (released - blockedSince) / 1e9, (foreign.exitedAt() - released) / 1e9);
		}
		new Journal(jdbc).assertRanExactlyOnce(changelog.journaled());
	}

	private AppProcess foreign(Changelogs changelog) {
		return AppProcess.startWithoutLockstep(ForeignLiquibase.class, List.of(POLL_RATE), database().url(),
				database().username(), database().password(), changelog.location().substring("file:".length()));
	}

	private void awaitJournalRows(int rows) {
		JdbcTemplate jdbc = database().jdbc();
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !database().columns(Journal.TABLE).isEmpty()
					&& jdbc.queryForObject("SELECT count(*) FROM " + Journal.TABLE, Integer.class) >= rows);
	}

}

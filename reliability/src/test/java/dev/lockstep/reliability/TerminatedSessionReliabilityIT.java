package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances start at once while the test ends lock sessions with
 * {@code pg_terminate_backend} at random moments, the holder's or a waiter's. A start
 * whose session was ended may fail; none hangs, the journal shows no two runners
 * overlapped and nothing ran twice, and the next start completes the migration.
 */
class TerminatedSessionReliabilityIT {

	private static final String HOLDER = AdvisoryLocks.GRANTED + " AND l.mode = 'ExclusiveLock'";

	private static final String WAITERS = """
			SELECT a.pid FROM pg_stat_activity a WHERE a.application_name LIKE '%(lockstep pid %'
			AND a.datname = current_database()
			AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted)
			""";

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@TempDir
	Path directory;

	@Test
	void terminatedLockSessionsNeverLetTwoRunnersOverlap() throws Exception {
		int rounds = Reliability.size("terminate.rounds", 3, 10);
		int instances = Reliability.size("terminate.instances", 4, 8);
		Random random = Reliability.random("terminate");
		Changelogs changelog = Changelogs.journaled(this.directory, 24, 1.5);
		JdbcTemplate jdbc = database.jdbc();
		int holdersEnded = 0;
		int waitersEnded = 0;
		int failedStarts = 0;
		List<Duration> completions = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(instances);
		try {
			for (int round = 1; round <= rounds; round++) {
				database.reset();
				List<Future<?>> starts = new ArrayList<>();
				for (int i = 0; i < instances; i++) {
					starts.add(executor.submit(() -> MigratingApplication.start(database, changelog.location()).close()));
				}
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (starts.stream().anyMatch((start) -> !start.isDone()) && System.nanoTime() < deadline) {
					Thread.sleep(100 + random.nextInt(900));
					boolean holder = random.nextBoolean();
					List<Integer> targets = jdbc.queryForList(holder ? HOLDER : WAITERS, Integer.class);
					if (!targets.isEmpty()) {
						int pid = targets.get(random.nextInt(targets.size()));
						jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
						holdersEnded += holder ? 1 : 0;
						waitersEnded += holder ? 0 : 1;
					}
				}
				for (Future<?> start : starts) {
					try {
						start.get(2, TimeUnit.MINUTES);
					}
					catch (ExecutionException ex) {
						failedStarts++;
					}
				}
				long restarted = System.nanoTime();
				try (ConfigurableApplicationContext next = MigratingApplication.start(database, changelog.location())) {
					assertThat(next.isActive()).isTrue();
				}
				completions.add(Duration.ofNanos(System.nanoTime() - restarted));
				new Journal(jdbc).assertRanExactlyOnce(changelog.journaled());
				System.out.printf("Terminate round %d/%d: so far %d holders and %d waiters ended, %d starts failed%n",
						round, rounds, holdersEnded, waitersEnded, failedStarts);
			}
		}
		finally {
			executor.shutdownNow();
		}
		System.out.printf("Terminated sessions: %d rounds of %d instances, %d holder and %d waiter sessions ended, "
				+ "%d starts failed; the next start completed in %s%n", rounds, instances, holdersEnded, waitersEnded,
				failedStarts, Percentiles.of(completions));
		assertThat(holdersEnded + waitersEnded).as("sessions ended").isPositive();
	}

}

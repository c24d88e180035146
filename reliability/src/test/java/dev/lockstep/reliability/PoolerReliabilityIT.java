package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.lockstep.TransactionPoolingException;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.PgBouncer;
import dev.lockstep.test.PgBouncer.PoolMode;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances starting at once through PgBouncer, which the test starts: in session pooling
 * every changeset's effect happens exactly once and no two runners overlap, round after
 * round; in transaction pooling every start is refused and nothing changes.
 */
class PoolerReliabilityIT {

	private static final int CHANGESETS = 24;

	@RegisterExtension
	@Order(1)
	static TestDatabase database = new TestDatabase();

	@RegisterExtension
	@Order(2)
	static PgBouncer sessionPooling = new PgBouncer(database, PoolMode.SESSION);

	@RegisterExtension
	@Order(3)
	static PgBouncer transactionPooling = new PgBouncer(database, PoolMode.TRANSACTION);

	@TempDir
	Path directory;

	@Test
	void instancesThroughSessionPoolingMigrateExactlyOnce() throws Exception {
		int instances = Reliability.size("pooler.instances", 8, 16);
		int rounds = Reliability.size("pooler.rounds", 3, 10);
		Changelogs changelog = Changelogs.journaled(this.directory, CHANGESETS, 1.0);
		List<Duration> handOffs = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			database.reset();
			LockTimeline timeline = new LockTimeline();
			atOnce(instances, () -> {
				try (ConfigurableApplicationContext context = MigratingApplication.start(sessionPooling,
						changelog.location(), timeline.recorder())) {
					assertThat(context.isActive()).isTrue();
				}
				return null;
			});
			new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled());
			assertThat(database.appliedIds()).hasSize(CHANGESETS + 1);
			handOffs.addAll(timeline.handOffs());
			System.out.printf("Session pooling round %d/%d: %d instances started, every changeset ran once%n", round,
					rounds, instances);
		}
		System.out.printf("Session pooling, %d instances x %d rounds: hand-offs %s%n", instances, rounds,
				Percentiles.of(handOffs));
		assertThat(handOffs).isNotEmpty().allSatisfy((handOff) -> assertThat(handOff).isLessThan(Duration.ofSeconds(5)));
	}

	@Test
	void instancesThroughTransactionPoolingAreRefusedAndChangeNothing() throws Exception {
		int instances = Reliability.size("pooler.refused-instances", 4, 12);
		int rounds = Reliability.size("pooler.refused-rounds", 2, 5);
		Changelogs changelog = Changelogs.journaled(this.directory, CHANGESETS, 1.0);
		List<Duration> refusals = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			database.reset();
			refusals.addAll(atOnce(instances, () -> {
				long start = System.nanoTime();
				MigratingApplication.failedStart(TransactionPoolingException.class, transactionPooling,
						changelog.location());
				return Duration.ofNanos(System.nanoTime() - start);
			}));
			assertThat(database.jdbc().queryForObject(
					"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Integer.class))
				.as("tables after refused starts")
				.isZero();
			System.out.printf("Transaction pooling round %d/%d: %d starts refused, nothing changed%n", round, rounds,
					instances);
		}
		System.out.printf("Transaction pooling, %d instances x %d rounds: every start refused, start to refusal %s%n",
				instances, rounds, Percentiles.of(refusals));
	}

	private static <T> List<T> atOnce(int instances, Callable<T> start) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(instances);
		try {
			CyclicBarrier startLine = new CyclicBarrier(instances);
			List<Future<T>> starts = new ArrayList<>();
			for (int i = 0; i < instances; i++) {
				starts.add(executor.submit(() -> {
					startLine.await();
					return start.call();
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : starts) {
				results.add(future.get(5, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}

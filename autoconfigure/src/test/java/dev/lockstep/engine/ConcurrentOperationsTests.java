package dev.lockstep.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockName;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations issued at once from separate connections serialize through the migration
 * lock: the second plans after the first is done, so no changeset runs twice and none is
 * lost.
 */
class ConcurrentOperationsTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	private final List<LockHolder> waitedFor = new CopyOnWriteArrayList<>();

	@Test
	void twoUpgradesAtOnceApplyEachChangesetOnce() throws Exception {
		List<OperationResult> results = atOnce(() -> migrator().upgrade("head", false),
				() -> migrator().upgrade("head", false));
		assertThat(results).extracting((result) -> result.changeSets().size()).containsExactlyInAnyOrder(14, 0);
		assertThat(this.waitedFor).as("one waited for the other").isNotEmpty();
		assertThat(database.appliedIds()).containsExactlyElementsOf(MigratorTests.ALL_IDS);
		assertThat(database.jdbc().queryForList("SELECT name FROM customer ORDER BY id", String.class))
			.containsExactly("Ada", "Grace");
	}

	@Test
	void upgradeAndDowngradeAtOnceLeaveAConsistentDatabase() throws Exception {
		migrator().upgrade("v2", false);
		List<OperationResult> results = atOnce(() -> migrator().upgrade("+2", false),
				() -> migrator().downgrade("-2", false));
		assertThat(results).allSatisfy((result) -> assertThat(result.changeSets()).hasSize(2));
		// In either order, two up then two down (or two down then the same two up) ends at v2.
		assertThat(database.appliedIds()).containsExactlyElementsOf(MigratorTests.ALL_IDS.subList(0, 8));
		assertThat(database.columns("public", "audit_log")).isEmpty();
		assertThat(database.jdbc().queryForList("SELECT name FROM customer ORDER BY id", String.class))
			.containsExactly("Ada", "Grace");
		assertThat(this.waitedFor).as("one waited for the other").isNotEmpty();
	}

	@SafeVarargs
	private static <T> List<T> atOnce(Callable<T>... operations) throws Exception {
		CyclicBarrier startLine = new CyclicBarrier(operations.length);
		ExecutorService executor = Executors.newFixedThreadPool(operations.length);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> operation : operations) {
				futures.add(executor.submit(() -> {
					startLine.await();
					return operation.call();
				}));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(2, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			executor.shutdown();
		}
	}

	private Migrator migrator() {
		LockListener recorder = new LockListener() {
			@Override
			public void waiting(LockName name, LockHolder holder, Duration waited) {
				ConcurrentOperationsTests.this.waitedFor.add(holder);
			}
		};
		return new Migrator(database.dataSource(), new DefaultResourceLoader(), MigrationSettings.of(MigratorTests.CHANGELOG),
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(30), "concurrent-test", recorder));
	}

}

package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLockTemplate;
import dev.lockstep.lock.MigrationLockTemplate.LockedCallback;
import dev.lockstep.lock.MigrationLockTemplate.LockedCheck;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link MigrationLockTemplate} on PostgreSQL: mutual exclusion under load, the
 * wait timeout, and cancellation.
 */
class PostgresLockTemplateTests {

	private static final LockName NAME = new LockName("lockstep:template");

	private static final LockWaitPolicy POLICY = new LockWaitPolicy(Duration.ofMinutes(1), Duration.ofMillis(250),
			Duration.ofSeconds(10));

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	private final ExecutorService waiters = Executors.newCachedThreadPool();

	@AfterEach
	void stopWaiters() {
		this.waiters.shutdownNow();
	}

	@Test
	void neverLetsTwoSessionsWorkAtOnce() throws Exception {
		int threads = 6;
		int rounds = 15;
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int thread = 0; thread < threads; thread++) {
			workers.add(executor.submit(() -> {
				try (Connection connection = database.connect()) {
					MigrationLockTemplate template = template(LockListener.NONE);
					for (int round = 0; round < rounds; round++) {
						template.execute(connection, NAME, new CancellationSignal(), (grant) -> {
							mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
							try (Statement statement = connection.createStatement()) {
								statement.execute("SELECT pg_sleep(0.002)");
							}
							inside.decrementAndGet();
							return completed.incrementAndGet();
						});
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(2, TimeUnit.MINUTES);
		}
		executor.shutdown();
		assertThat(mostInside).hasValue(1);
		assertThat(completed).hasValue(threads * rounds);
	}

	@Test
	void waitersCheckSideBySideUnderTheSharedLockWhileNothingCanMigrate() throws Exception {
		CountDownLatch bothChecking = new CountDownLatch(2);
		List<Boolean> exclusiveFreeDuringChecks = new CopyOnWriteArrayList<>();
		LockedCheck<LockGrant> findsWorkDone = (grant) -> {
			bothChecking.countDown();
			try (Connection other = database.connect()) {
				exclusiveFreeDuringChecks.add(tryLock(other));
			}
			return awaitQuietly(bothChecking) ? grant : null;
		};
		try (Connection holder = database.connect()) {
			hold(holder);
			List<Waiter> waiters = List.of(waitWith(findsWorkDone, this::neverRuns),
					waitWith(findsWorkDone, this::neverRuns));
			for (Waiter waiter : waiters) {
				waiter.awaitWaiting();
			}
			holder.close();
			for (Waiter waiter : waiters) {
				LockGrant grant = waiter.grant().get(30, TimeUnit.SECONDS);
				assertThat(grant.mode()).isEqualTo(LockGrant.Mode.SHARED);
				assertThat(grant.previousHolder().applicationName()).isEqualTo("nightly-batch");
			}
		}
		assertThat(exclusiveFreeDuringChecks).containsExactly(false, false);
		try (Connection after = database.connect()) {
			assertThat(tryLock(after)).as("the lock is free once the waiters are done").isTrue();
		}
	}

	@Test
	void checkThatFindsWorkLeadsToTheExclusiveLockWithoutCheckingAgain() throws Exception {
		List<LockGrant.Mode> checks = new CopyOnWriteArrayList<>();
		try (Connection holder = database.connect()) {
			hold(holder);
			Waiter waiter = waitWith((grant) -> {
				checks.add(grant.mode());
				return null;
			}, (grant) -> grant);
			waiter.awaitWaiting();
			holder.close();
			assertThat(waiter.grant().get(30, TimeUnit.SECONDS).mode()).isEqualTo(LockGrant.Mode.EXCLUSIVE);
		}
		assertThat(checks).containsExactly(LockGrant.Mode.SHARED);
	}

	@Test
	void waiterChecksAgainUnderTheExclusiveLockIfAnotherSessionHeldItMeanwhile() throws Exception {
		List<LockGrant.Mode> checks = new CopyOnWriteArrayList<>();
		try (Connection holder = database.connect(); Connection other = database.connect()) {
			hold(holder);
			Waiter waiter = waitWith((grant) -> {
				if (checks.isEmpty()) {
					// Another session takes the lock before this waiter can take it exclusively.
					try (PreparedStatement shared = other.prepareStatement("SELECT pg_advisory_lock_shared(?)")) {
						shared.setLong(1, PostgresLockKey.of(NAME).key());
						shared.execute();
					}
				}
				checks.add(grant.mode());
				return null;
			}, (grant) -> grant);
			waiter.awaitWaiting();
			holder.close();
			await().atMost(Duration.ofSeconds(30)).until(() -> !checks.isEmpty());
			Thread.sleep(300);
			assertThat(waiter.grant()).isNotDone();
			other.close();
			assertThat(waiter.grant().get(30, TimeUnit.SECONDS).mode()).isEqualTo(LockGrant.Mode.EXCLUSIVE);
		}
		assertThat(checks).containsExactly(LockGrant.Mode.SHARED, LockGrant.Mode.EXCLUSIVE);
	}

	@Test
	void waiterThatLosesItsConnectionLettingGoOfTheSharedHoldNeverStartsTheWork() throws Exception {
		// Its check switches to a role that may not release a shared hold, so the release
		// after taking the lock exclusively fails and the connection is discarded.
		String role = "lockstep_no_unlock_" + Long.toHexString(System.nanoTime());
		database.jdbc().execute("CREATE ROLE " + role + " NOLOGIN");
		database.jdbc().execute("REVOKE EXECUTE ON FUNCTION pg_advisory_unlock_shared(bigint) FROM PUBLIC");
		List<LockGrant.Mode> acquired = new CopyOnWriteArrayList<>();
		try (Connection holder = database.connect()) {
			hold(holder);
			Waiter waiter = waitWith((connection) -> (grant) -> {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET ROLE " + role);
				}
				return null;
			}, this::neverStarts, (grant) -> acquired.add(grant.mode()));
			waiter.awaitWaiting();
			holder.close();
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> waiter.grant().get(30, TimeUnit.SECONDS))
				.havingRootCause()
				.isInstanceOf(SQLException.class)
				.withMessage("Lost the migration lock 'lockstep:template' with its connection, after taking it "
						+ "exclusively and before the work could start");
		}
		finally {
			database.jdbc().execute("GRANT EXECUTE ON FUNCTION pg_advisory_unlock_shared(bigint) TO PUBLIC");
			database.jdbc().execute("DROP ROLE " + role);
		}
		assertThat(acquired).containsExactly(LockGrant.Mode.SHARED);
		try (Connection after = database.connect()) {
			assertThat(tryLock(after)).as("the lock is free once the waiter is gone").isTrue();
		}
	}

	@Test
	void waitTimeoutNamesTheHolder() throws SQLException {
		try (Connection holder = database.connect(); Connection waiter = database.connect()) {
			hold(holder);
			MigrationLockTemplate template = new MigrationLockTemplate(PostgresRunners.locks(database.dataSource()),
					new LockWaitPolicy(Duration.ofMillis(600), Duration.ofMillis(100), Duration.ofSeconds(10)),
					PostgresAdvisoryLockTests.settings("waiter"), LockListener.NONE);
			assertThatExceptionOfType(LockWaitTimeoutException.class)
				.isThrownBy(() -> template.execute(waiter, NAME, new CancellationSignal(), (grant) -> null))
				.withMessageStartingWith("Timed out after 600 ms waiting for migration lock 'lockstep:template'")
				.withMessageContaining("held by 'nightly-batch' at 127.0.0.1 (session ");
		}
	}

	@Test
	void waitingReportsTheHolderToTheListener() throws Exception {
		List<LockHolder> reported = new ArrayList<>();
		LockListener listener = new LockListener() {
			@Override
			public void waiting(LockName name, LockHolder holder, Duration waited) {
				reported.add(holder);
			}
		};
		try (Connection holder = database.connect(); Connection waiter = database.connect()) {
			hold(holder);
			CompletableFuture<LockGrant> grant = CompletableFuture.supplyAsync(() -> {
				try {
					return template(listener).execute(waiter, NAME, new CancellationSignal(), (granted) -> granted);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(500);
			holder.close();
			LockGrant granted = grant.get(30, TimeUnit.SECONDS);
			assertThat(granted.advisory()).isTrue();
			assertThat(granted.previousHolder()).isNotNull();
			assertThat(granted.previousHolder().applicationName()).isEqualTo("nightly-batch");
			assertThat(granted.waited()).isGreaterThan(Duration.ofMillis(400));
			assertThat(reported).extracting(LockHolder::applicationName).containsOnly("nightly-batch");
		}
	}

	@Test
	void cancellationEndsTheWait() throws Exception {
		try (Connection holder = database.connect(); Connection waiter = database.connect()) {
			hold(holder);
			CancellationSignal cancellation = new CancellationSignal();
			CompletableFuture<Object> wait = CompletableFuture.supplyAsync(() -> {
				try {
					return template(LockListener.NONE).execute(waiter, NAME, cancellation, (grant) -> grant);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(300);
			cancellation.cancel("the test is over");
			assertThat(wait).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(LockWaitCancelledException.class)
				.withMessage("Gave up waiting for migration lock 'lockstep:template': the test is over");
		}
	}

	private Waiter waitWith(LockedCheck<LockGrant> check, LockedCallback<LockGrant> work) {
		return waitWith((connection) -> check, work, (grant) -> {
		});
	}

	/**
	 * Start a waiter whose check may use its connection, and tell of every grant it takes.
	 */
	private Waiter waitWith(Function<Connection, LockedCheck<LockGrant>> checkOn, LockedCallback<LockGrant> work,
			Consumer<LockGrant> onAcquired) {
		CountDownLatch waiting = new CountDownLatch(1);
		LockListener listener = new LockListener() {

			@Override
			public void waiting(LockName name, LockHolder holder, Duration waited) {
				waiting.countDown();
			}

			@Override
			public void acquired(LockGrant grant) {
				onAcquired.accept(grant);
			}

		};
		// A thread of its own for each waiter: the common pool may have a single one.
		CompletableFuture<LockGrant> grant = CompletableFuture.supplyAsync(() -> {
			try (Connection waiter = database.connect()) {
				return template(listener).execute(waiter, NAME, new CancellationSignal(), checkOn.apply(waiter), work);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, this.waiters);
		return new Waiter(grant, waiting);
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private LockGrant neverStarts(LockGrant grant) {
		throw new AssertionError("the work started without the lock");
	}

	private LockGrant neverRuns(LockGrant grant) {
		throw new AssertionError("the work ran although the check found it done");
	}

	private static boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, PostgresLockKey.of(NAME).key());
			try (ResultSet result = lock.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	/**
	 * A session waiting for the lock on a thread of its own.
	 *
	 * @param grant what its wait ends with
	 * @param waiting counted down once it found the lock held
	 */
	private record Waiter(CompletableFuture<LockGrant> grant, CountDownLatch waiting) {

		void awaitWaiting() throws InterruptedException {
			assertThat(this.waiting.await(30, TimeUnit.SECONDS)).as("the waiter found the lock held").isTrue();
		}

	}

	private static MigrationLockTemplate template(LockListener listener) {
		return new MigrationLockTemplate(PostgresRunners.locks(database.dataSource()), POLICY, PostgresAdvisoryLockTests.settings("template-test"), listener);
	}

	private static void hold(Connection connection) throws SQLException {
		connection.createStatement().execute("SET application_name = 'nightly-batch'");
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, PostgresLockKey.of(NAME).key());
			lock.execute();
		}
	}

}

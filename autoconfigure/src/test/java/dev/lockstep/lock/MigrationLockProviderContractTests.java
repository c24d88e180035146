package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockWaitTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link MigrationLockProvider} keeps, run through its sessions and
 * through {@link MigrationLockTemplate}'s protocol: mutual exclusion, the shared check
 * where the lock has a shared mode, a timeout that names the holder, cancellation, a
 * killed holder that frees the lock, and a lost session that its holder notices. Each
 * provider's test extends this against its real store.
 */
public abstract class MigrationLockProviderContractTests {

	private static final LockName NAME = new LockName("lockstep:contract");

	private final List<Connection> connections = new ArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/**
	 * Return the provider under test.
	 * @return the provider
	 */
	protected abstract MigrationLockProvider provider();

	/**
	 * Open a new connection to the store, as a new database session.
	 * @return the connection
	 * @throws SQLException on a database error
	 */
	protected abstract Connection newConnection() throws SQLException;

	/**
	 * End the session of a connection from the server's side, as an operator's kill or a
	 * server restart would, leaving the client's connection object open.
	 * @param victim the connection whose session to end
	 * @throws SQLException on a database error
	 */
	protected abstract void terminate(Connection victim) throws SQLException;

	@AfterEach
	void closeEverything() throws SQLException {
		this.threads.shutdownNow();
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	@Test
	void onlyOneSessionHoldsTheLockAtATime() throws SQLException {
		try (LockSession a = open("a"); LockSession b = open("b")) {
			assertThat(a.tryAcquire()).isTrue();
			assertThat(b.tryAcquire()).isFalse();
			a.release();
			assertThat(b.tryAcquire()).isTrue();
			b.release();
		}
	}

	@Test
	void differentNamesDoNotBlockEachOther() throws SQLException {
		try (LockSession a = open("a");
				LockSession other = provider().open(connect(), new LockName("lockstep:other"), settings("b"))) {
			assertThat(a.tryAcquire()).isTrue();
			assertThat(other.tryAcquire()).isTrue();
			a.release();
			other.release();
		}
	}

	@Test
	void sharedHoldsGoSideBySideAndKeepTheExclusiveHolderOut() throws SQLException {
		try (LockSession a = open("a"); LockSession b = open("b"); LockSession c = open("c")) {
			if (!a.supportsShared()) {
				assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(a::tryAcquireShared);
				return;
			}
			assertThat(a.tryAcquireShared()).isTrue();
			assertThat(b.tryAcquireShared()).isTrue();
			assertThat(c.tryAcquire()).as("exclusive beside shared holds").isFalse();
			a.releaseShared();
			b.releaseShared();
			assertThat(c.tryAcquire()).isTrue();
			assertThat(a.tryAcquireShared()).as("shared beside the exclusive holder").isFalse();
			c.release();
		}
	}

	@Test
	void protocolNeverLetsTwoSessionsWorkAtOnce() throws Exception {
		int workers = 4;
		int rounds = 10;
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		List<Future<?>> running = new ArrayList<>();
		for (int worker = 0; worker < workers; worker++) {
			Connection connection = connect();
			running.add(this.threads.submit(() -> {
				MigrationLockTemplate template = template(Duration.ofMinutes(1), "worker");
				for (int round = 0; round < rounds; round++) {
					template.execute(connection, NAME, new CancellationSignal(), (grant) -> {
						mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
						inside.decrementAndGet();
						return completed.incrementAndGet();
					});
				}
				return null;
			}));
		}
		for (Future<?> worker : running) {
			worker.get(2, TimeUnit.MINUTES);
		}
		assertThat(mostInside).hasValue(1);
		assertThat(completed).hasValue(workers * rounds);
	}

	/**
	 * Return how a lock timeout's message names a holder, as its database reports it.
	 * @param holderConnection the holder's connection
	 * @param applicationName the application name the holder's session was opened with
	 * @return the part of the message that names the holder
	 * @throws SQLException on a database error
	 */
	protected String describedHolder(Connection holderConnection, String applicationName) throws SQLException {
		return "held by '" + applicationName + "'";
	}

	@Test
	void waitTimeoutNamesTheHolder() throws SQLException {
		Connection holderConnection = connect();
		try (LockSession holder = provider().open(holderConnection, NAME, settings("nightly-batch"))) {
			assertThat(holder.tryAcquire()).isTrue();
			MigrationLockTemplate template = template(Duration.ofMillis(600), "waiter");
			Connection waiter = connect();
			assertThatExceptionOfType(LockWaitTimeoutException.class)
				.isThrownBy(() -> template.execute(waiter, NAME, new CancellationSignal(), (grant) -> grant))
				.withMessageStartingWith("Timed out after 600 ms waiting for migration lock 'lockstep:contract'")
				.withMessageContaining(describedHolder(holderConnection, "nightly-batch"));
			holder.release();
		}
	}

	@Test
	void cancelledWaitGivesUpAtOnce() throws Exception {
		try (LockSession holder = open("holder")) {
			holder.tryAcquire();
			CancellationSignal cancellation = new CancellationSignal();
			CountDownLatch waiting = new CountDownLatch(1);
			Connection waiter = connect();
			CompletableFuture<LockGrant> wait = CompletableFuture.supplyAsync(() -> {
				try {
					return template(Duration.ofMinutes(1), "waiter", new LockListener() {

						@Override
						public void waiting(LockName name, LockHolder lockHolder, Duration waited) {
							waiting.countDown();
						}

					}).execute(waiter, NAME, cancellation, (grant) -> grant);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, this.threads);
			assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the waiter found the lock held").isTrue();
			cancellation.cancel("the process is shutting down");
			assertThatThrownBy(() -> wait.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(LockWaitCancelledException.class)
				.hasMessageContaining("the process is shutting down");
			holder.release();
		}
	}

	@Test
	void waiterTakesTheLockOnceTheHolderReleasesIt() throws Exception {
		LockSession holder = open("holder");
		holder.tryAcquire();
		Connection waiter = connect();
		CompletableFuture<LockGrant> wait = CompletableFuture.supplyAsync(() -> {
			try {
				return template(Duration.ofMinutes(1), "waiter").execute(waiter, NAME, new CancellationSignal(),
						(grant) -> grant);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, this.threads);
		Thread.sleep(300);
		assertThat(wait).isNotDone();
		holder.release();
		holder.close();
		LockGrant grant = wait.get(30, TimeUnit.SECONDS);
		assertThat(grant.mode()).isEqualTo(LockGrant.Mode.EXCLUSIVE);
		assertThat(grant.previousHolder()).isNotNull();
	}

	@Test
	void killedHolderFreesTheLock() throws Exception {
		Connection holderConnection = connect();
		LockSession holder = provider().open(holderConnection, NAME, settings("killed"));
		assertThat(holder.tryAcquire()).isTrue();
		holderConnection.abort(Runnable::run);
		Connection waiter = connect();
		LockGrant grant = template(Duration.ofSeconds(30), "next").execute(waiter, NAME, new CancellationSignal(),
				(taken) -> taken);
		assertThat(grant.mode()).isEqualTo(LockGrant.Mode.EXCLUSIVE);
	}

	@Test
	void lostSessionIsNoticedByItsHolderAndFreesTheLock() throws Exception {
		Connection holderConnection = connect();
		LockSession holder = provider().open(holderConnection, NAME, settings("lost"));
		assertThat(holder.tryAcquire()).isTrue();
		terminate(holderConnection);
		try (LockSession next = open("next")) {
			await().atMost(Duration.ofSeconds(10)).until(next::tryAcquire);
			assertThatExceptionOfType(SQLException.class).as("the holder's next statement").isThrownBy(holder::release);
			next.release();
		}
	}

	private LockSession open(String applicationName) throws SQLException {
		return provider().open(connect(), NAME, settings(applicationName));
	}

	private Connection connect() throws SQLException {
		Connection connection = newConnection();
		this.connections.add(connection);
		return connection;
	}

	private MigrationLockTemplate template(Duration timeout, String applicationName) {
		return template(timeout, applicationName, LockListener.NONE);
	}

	private MigrationLockTemplate template(Duration timeout, String applicationName, LockListener listener) {
		return new MigrationLockTemplate(new MigrationLocks(List.of(provider())),
				new LockWaitPolicy(timeout, Duration.ofMillis(100), Duration.ofMillis(100)), settings(applicationName),
				listener);
	}

	private static LockSessionSettings settings(String applicationName) {
		return new LockSessionSettings(applicationName);
	}

}

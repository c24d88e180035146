package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockHolder;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PostgresAdvisoryLock}.
 */
class PostgresAdvisoryLockTests {

	private static final LockName NAME = new LockName("lockstep:contract");

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	private final PostgresLockProvider provider = new PostgresLockProvider(Duration.ofSeconds(1), database.dataSource());

	private Connection first;

	private Connection second;

	@BeforeEach
	void connect() throws SQLException {
		this.first = database.connect();
		this.second = database.connect();
	}

	@AfterEach
	void disconnect() throws SQLException {
		this.first.close();
		this.second.close();
	}

	@Test
	void onlyOneSessionHoldsTheLockAtATime() throws SQLException {
		try (LockSession a = open(this.first, "a"); LockSession b = open(this.second, "b")) {
			assertThat(a.tryAcquire()).isTrue();
			assertThat(b.tryAcquire()).isFalse();
			a.release();
			assertThat(b.tryAcquire()).isTrue();
			assertThat(a.tryAcquire()).isFalse();
			b.release();
		}
	}

	@Test
	void sharedHoldersExcludeOnlyTheExclusiveHolder() throws SQLException {
		try (LockSession a = open(this.first, "a"); LockSession b = open(this.second, "b")) {
			assertThat(a.tryAcquireShared()).isTrue();
			assertThat(b.tryAcquireShared()).isTrue();
			assertThat(b.tryAcquire()).isFalse();
			a.releaseShared();
			b.releaseShared();
			assertThat(a.tryAcquire()).isTrue();
			assertThat(b.tryAcquireShared()).isFalse();
			a.release();
		}
	}

	@Test
	void sharedHolderAloneCanTakeTheLockExclusivelyBeforeLettingGo() throws SQLException {
		try (LockSession a = open(this.first, "a"); LockSession b = open(this.second, "b")) {
			assertThat(a.tryAcquireShared()).isTrue();
			assertThat(a.tryAcquire()).isTrue();
			a.releaseShared();
			assertThat(b.tryAcquireShared()).isFalse();
			a.release();
			assertThat(b.tryAcquireShared()).isTrue();
			assertThat(a.tryAcquire()).as("another session holds it shared").isFalse();
			b.releaseShared();
		}
	}

	@Test
	void waiterIsNotWokenByItsOwnSignal() throws SQLException {
		try (LockSession a = open(this.first, "a")) {
			a.awaitRelease(Duration.ofSeconds(1));
			assertThat(a.tryAcquireShared()).isTrue();
			a.releaseShared();
			long start = System.nanoTime();
			a.awaitRelease(Duration.ofMillis(300));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}
	}

	@Test
	void closingReleasesASharedHold() throws SQLException {
		try (LockSession b = open(this.second, "b")) {
			try (LockSession a = open(this.first, "a")) {
				assertThat(a.tryAcquireShared()).isTrue();
				assertThat(b.tryAcquire()).isFalse();
			}
			assertThat(b.tryAcquire()).isTrue();
			b.release();
		}
	}

	@Test
	void waiterSeesWhoHoldsTheLock() throws SQLException {
		try (LockSession a = open(this.first, "holder-app"); LockSession b = open(this.second, "waiter-app")) {
			assertThat(b.holder()).isEmpty();
			a.tryAcquire();
			LockHolder holder = b.holder().orElseThrow();
			assertThat(holder.applicationName()).isEqualTo("holder-app");
			assertThat(holder.sessionId()).isEqualTo(String.valueOf(backendPid(this.first)));
			assertThat(holder.clientAddress()).isEqualTo("127.0.0.1");
			assertThat(holder.connectedSince()).isNotNull();
			assertThat(holder.describe()).startsWith("'holder-app' at 127.0.0.1 (session ");
			a.release();
		}
	}

	@Test
	void releaseWakesAListeningWaiterAtOnce() throws Exception {
		try (LockSession a = open(this.first, "a"); LockSession b = open(this.second, "b")) {
			a.tryAcquire();
			b.awaitRelease(Duration.ofSeconds(1));
			CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
				long start = System.nanoTime();
				try {
					b.awaitRelease(Duration.ofMinutes(1));
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
				return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			});
			Thread.sleep(200);
			assertThat(waited).isNotDone();
			a.release();
			assertThat(waited.get(30, TimeUnit.SECONDS)).isLessThan(Duration.ofMinutes(1).toMillis());
			assertThat(b.tryAcquire()).isTrue();
			b.release();
		}
	}

	@Test
	void waiterHoldsNoSnapshotAndNoTransaction() throws Exception {
		int waiterPid = backendPid(this.second);
		try (LockSession a = open(this.first, "a"); LockSession b = open(this.second, "b")) {
			a.tryAcquire();
			b.awaitRelease(Duration.ofSeconds(1));
			CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
				try {
					b.awaitRelease(Duration.ofSeconds(30));
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(database.jdbc()
					.queryForObject("SELECT state || ',' || coalesce(backend_xmin::text, 'none') FROM pg_stat_activity "
							+ "WHERE pid = ?", String.class, waiterPid))
					.isEqualTo("idle,none"));
			a.release();
			waiting.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void closingTheHoldersConnectionReleasesTheLock() throws SQLException {
		try (LockSession b = open(this.second, "b")) {
			open(this.first, "a").tryAcquire();
			assertThat(b.tryAcquire()).isFalse();
			this.first.close();
			// The server ends the closed session asynchronously, so the lock frees shortly after.
			await().atMost(Duration.ofSeconds(10)).until(b::tryAcquire);
			b.release();
		}
	}

	@Test
	void sessionIsPreparedWhileOpenAndRestoredOnClose() throws SQLException {
		this.first.setAutoCommit(false);
		String applicationName = setting(this.first, "application_name");
		this.first.commit();
		try (LockSession lock = open(this.first, "lock-session")) {
			assertThat(this.first.getAutoCommit()).isTrue();
			assertThat(setting(this.first, "application_name")).isEqualTo("lock-session");
			assertThat(setting(this.first, "client_connection_check_interval")).isEqualTo("1s");
		}
		assertThat(this.first.getAutoCommit()).isFalse();
		this.first.setAutoCommit(true);
		assertThat(setting(this.first, "application_name")).isEqualTo(applicationName);
		assertThat(setting(this.first, "client_connection_check_interval")).isEqualTo("0");
	}

	@Test
	void releaseEndsATransactionLeftOpenByTheWorkUnderTheLock() throws SQLException {
		try (LockSession a = open(this.first, "a"); LockSession b = open(this.second, "b")) {
			a.tryAcquire();
			this.first.setAutoCommit(false);
			try (Statement statement = this.first.createStatement()) {
				statement.execute("CREATE TEMPORARY TABLE scratch (id int)");
			}
			a.release();
			assertThat(this.first.getAutoCommit()).isTrue();
			assertThat(b.tryAcquire()).isTrue();
			b.release();
		}
	}

	@Test
	void differentNamesDoNotBlockEachOther() throws SQLException {
		try (LockSession a = open(this.first, "a");
				LockSession other = this.provider.open(this.second, new LockName("lockstep:other"), settings("b"))) {
			assertThat(a.tryAcquire()).isTrue();
			assertThat(other.tryAcquire()).isTrue();
			a.release();
			other.release();
		}
	}

	private LockSession open(Connection connection, String applicationName) throws SQLException {
		return this.provider.open(connection, NAME, settings(applicationName));
	}

	static LockSessionSettings settings(String applicationName) {
		return new LockSessionSettings(applicationName);
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW " + name)) {
			result.next();
			return result.getString(1);
		}
	}

}

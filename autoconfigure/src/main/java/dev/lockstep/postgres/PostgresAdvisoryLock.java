package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A PostgreSQL session advisory lock. Waiters {@code LISTEN} on a channel named after the
 * lock and try again when another session's {@code NOTIFY} signals a release: an idle,
 * listening session holds no snapshot, so a holder's {@code CREATE INDEX CONCURRENTLY}
 * never waits for it.
 */
final class PostgresAdvisoryLock implements LockSession {

	private static final Log logger = LogFactory.getLog(PostgresAdvisoryLock.class);

	/**
	 * The longest a statement of the waiting lock session may take to answer: every one is
	 * short, so a connection that stalls (a network partition, a proxy that stopped
	 * forwarding) fails the wait at this bound instead of blocking it for ever. The holder
	 * runs under the connection's own network timeout, as changesets may run for hours.
	 */
	static final int WAIT_NETWORK_TIMEOUT = (int) Duration.ofSeconds(15).toMillis();

	private static final String HOLDER_QUERY = """
			SELECT a.pid, a.application_name, host(a.client_addr) AS client_address, a.backend_start
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
			AND l.classid::bigint = ? AND l.objid::bigint = ?
			AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			ORDER BY l.mode = 'ExclusiveLock' DESC
			""";

	private final Connection connection;

	private final LockName name;

	private final PostgresLockKey key;

	private final boolean originalAutoCommit;

	private final String originalApplicationName;

	private final boolean connectionCheckChanged;

	private final Map<String, String> idleTimeoutsOverridden;

	private final int originalNetworkTimeout;

	private boolean waitNetworkTimeoutSet;

	private boolean listening;

	private boolean held;

	private boolean heldShared;

	private PostgresAdvisoryLock(Connection connection, LockName name, LockSessionSettings settings,
			Duration connectionCheckInterval) throws SQLException {
		this.connection = connection;
		this.name = name;
		this.key = PostgresLockKey.of(name);
		this.originalAutoCommit = connection.getAutoCommit();
		// A lock session must never sit inside a transaction: that would hold a snapshot.
		connection.setAutoCommit(true);
		try {
			this.originalApplicationName = PostgresSession.setConfig(connection, "application_name",
					settings.applicationName());
		}
		catch (SQLException ex) {
			connection.setAutoCommit(this.originalAutoCommit);
			throw ex;
		}
		this.connectionCheckChanged = enableConnectionCheck(connectionCheckInterval);
		this.idleTimeoutsOverridden = disableIdleTimeouts();
		this.originalNetworkTimeout = connection.getNetworkTimeout();
		setNetworkTimeout(WAIT_NETWORK_TIMEOUT);
		this.waitNetworkTimeoutSet = true;
	}

	/**
	 * Open a lock session on the connection.
	 * @param connectionCheckInterval how often the server checks, during a long
	 * statement, that the holder's client is alive ({@link Duration#ZERO} leaves the
	 * server's setting alone)
	 */
	static PostgresAdvisoryLock open(Connection connection, LockName name, LockSessionSettings settings,
			Duration connectionCheckInterval) throws SQLException {
		return new PostgresAdvisoryLock(connection, name, settings, connectionCheckInterval);
	}

	@Override
	public boolean supportsShared() {
		return true;
	}

	@Override
	public LockName name() {
		return this.name;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		this.held = queryBoolean("SELECT pg_try_advisory_lock(?)");
		if (this.held && this.waitNetworkTimeoutSet) {
			setNetworkTimeout(this.originalNetworkTimeout);
			this.waitNetworkTimeoutSet = false;
		}
		if (this.held && this.listening) {
			// Listening on through the migration would hold back the server's notification
			// queue.
			stopListening();
		}
		return this.held;
	}

	@Override
	public boolean tryAcquireShared() throws SQLException {
		this.heldShared = queryBoolean("SELECT pg_try_advisory_lock_shared(?)");
		return this.heldShared;
	}

	@Override
	public void awaitRelease(Duration timeout) throws SQLException {
		if (!this.listening) {
			// The caller retries right after this returns, so a release between its last
			// attempt and this LISTEN is not missed.
			execute("LISTEN " + this.key.channel());
			this.listening = true;
			return;
		}
		PGConnection session = this.connection.unwrap(PGConnection.class);
		long deadline = System.nanoTime() + timeout.toNanos();
		long remaining = timeout.toNanos();
		// This session's own signal (a shared hold it gave up) is no release to wake for.
		do {
			int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining)));
			if (!onlyFrom(session.getBackendPID(), session.getNotifications(millis))) {
				return;
			}
			remaining = deadline - System.nanoTime();
		}
		while (remaining > 0);
	}

	/**
	 * Return whether notifications arrived and all came from the given session.
	 */
	private static boolean onlyFrom(int pid, PGNotification @Nullable [] notifications) {
		if (notifications == null || notifications.length == 0) {
			return false;
		}
		for (PGNotification notification : notifications) {
			if (notification.getPID() != pid) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stop listening, and drop what arrived meanwhile: it must not stay queued on a pooled
	 * connection.
	 */
	private void stopListening() throws SQLException {
		execute("UNLISTEN " + this.key.channel());
		this.listening = false;
		this.connection.unwrap(PGConnection.class).getNotifications();
	}

	@Override
	public Optional<LockHolder> holder() throws SQLException {
		return holder(this.connection, this.name);
	}

	/**
	 * Return the session that holds the lock, changing nothing on the connection.
	 */
	static Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		long key = PostgresLockKey.of(name).key();
		try (PreparedStatement statement = connection.prepareStatement(HOLDER_QUERY)) {
			statement.setLong(1, key >>> 32);
			statement.setLong(2, key & 0xFFFFFFFFL);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				Timestamp backendStart = result.getTimestamp("backend_start");
				return Optional.of(new LockHolder(String.valueOf(result.getInt("pid")),
						result.getString("application_name"), result.getString("client_address"),
						(backendStart != null) ? backendStart.toInstant() : null));
			}
		}
	}

	@Override
	public void release() throws SQLException {
		unlock("pg_advisory_unlock", true);
		this.held = false;
	}

	@Override
	public void releaseShared() throws SQLException {
		unlock("pg_advisory_unlock_shared", !this.held);
		this.heldShared = false;
	}

	/**
	 * Unlock, and signal waiters in the same statement: a notification goes out when the
	 * statement commits, after the unlock, and a round trip sooner than a NOTIFY of its own.
	 */
	private void unlock(String function, boolean signal) throws SQLException {
		// Whatever ran under the lock may have left a transaction open; the signal would wait for it.
		PostgresSession.endTransaction(this.connection);
		String signalWaiters = signal ? ", pg_notify('" + this.key.channel() + "', '')" : "";
		if (!queryBoolean("SELECT " + function + "(?)" + signalWaiters)) {
			logger.warn(this.name + " was not held by this session when it was released");
		}
	}

	@Override
	public void close() throws SQLException {
		if (this.connection.isClosed()) {
			return;
		}
		// Each step on its own, so that one failure does not leave the others undone.
		SQLException failure = null;
		// The shared hold first: waiters are signalled once, when the lock is free.
		if (this.heldShared) {
			failure = attempt(failure, this::releaseShared);
		}
		if (this.held) {
			failure = attempt(failure, this::release);
		}
		if (this.listening) {
			failure = attempt(failure, this::stopListening);
		}
		if (this.connectionCheckChanged) {
			failure = attempt(failure, () -> execute("RESET client_connection_check_interval"));
		}
		for (Map.Entry<String, String> timeout : this.idleTimeoutsOverridden.entrySet()) {
			failure = attempt(failure,
					() -> PostgresSession.setConfig(this.connection, timeout.getKey(), timeout.getValue()));
		}
		failure = attempt(failure,
				() -> PostgresSession.setConfig(this.connection, "application_name", this.originalApplicationName));
		failure = attempt(failure, () -> this.connection.setAutoCommit(this.originalAutoCommit));
		if (this.waitNetworkTimeoutSet) {
			failure = attempt(failure, () -> setNetworkTimeout(this.originalNetworkTimeout));
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static @Nullable SQLException attempt(@Nullable SQLException failure, SqlStep step) {
		try {
			step.run();
			return failure;
		}
		catch (SQLException ex) {
			if (failure != null) {
				failure.addSuppressed(ex);
				return failure;
			}
			return ex;
		}
	}

	private boolean enableConnectionCheck(Duration interval) throws SQLException {
		if (interval.isZero() || this.connection.getMetaData().getDatabaseMajorVersion() < 14) {
			return false;
		}
		try {
			PostgresSession.setConfig(this.connection, "client_connection_check_interval",
					String.valueOf(interval.toMillis()));
			return true;
		}
		catch (SQLException ex) {
			logger.info("PostgreSQL did not accept client_connection_check_interval (" + ex.getMessage()
					+ "); a killed lock holder will keep the lock until its running statement ends");
			return false;
		}
	}

	/**
	 * Turn off, for this session, the server's timeouts for idle sessions: a waiter idles in
	 * {@code LISTEN} for as long as the holder runs, and a server that ended its session
	 * would fail its start. Returns the values to restore.
	 */
	private Map<String, String> disableIdleTimeouts() throws SQLException {
		Map<String, String> original = new LinkedHashMap<>();
		original.put("idle_in_transaction_session_timeout",
				PostgresSession.setConfig(this.connection, "idle_in_transaction_session_timeout", "0"));
		if (this.connection.getMetaData().getDatabaseMajorVersion() >= 14) {
			original.put("idle_session_timeout", PostgresSession.setConfig(this.connection, "idle_session_timeout", "0"));
		}
		return original;
	}

	private void setNetworkTimeout(int milliseconds) throws SQLException {
		// The driver needs no executor of its own: it sets the socket's read timeout.
		this.connection.setNetworkTimeout(Runnable::run, milliseconds);
	}

	private boolean queryBoolean(String sql) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setLong(1, this.key.key());
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@FunctionalInterface
	private interface SqlStep {

		void run() throws SQLException;

	}

	@Override
	public String toString() {
		return this.name + " (PostgreSQL advisory lock " + this.key.key() + ")";
	}

}

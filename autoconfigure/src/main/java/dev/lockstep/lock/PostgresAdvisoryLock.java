package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL session advisory lock. Waiters {@code LISTEN} on a channel named after the
 * lock and retry {@code pg_try_advisory_lock} when the holder's {@code NOTIFY} arrives:
 * an idle, listening session holds no snapshot, so a holder's
 * {@code CREATE INDEX CONCURRENTLY} never waits for it.
 */
final class PostgresAdvisoryLock implements AdvisoryLock {

	private static final Log logger = LogFactory.getLog(PostgresAdvisoryLock.class);

	private static final String HOLDER_QUERY = """
			SELECT a.pid, a.application_name, host(a.client_addr) AS client_address, a.backend_start
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
			AND l.classid::bigint = ? AND l.objid::bigint = ?
			AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			""";

	private final Connection connection;

	private final LockName name;

	private final long key;

	private final boolean originalAutoCommit;

	private final String originalApplicationName;

	private final boolean connectionCheckChanged;

	private boolean listening;

	private PostgresAdvisoryLock(Connection connection, LockName name, LockSessionSettings settings)
			throws SQLException {
		this.connection = connection;
		this.name = name;
		this.key = name.key();
		this.originalAutoCommit = connection.getAutoCommit();
		// A lock session must never sit inside a transaction: that would hold a snapshot.
		connection.setAutoCommit(true);
		this.originalApplicationName = setConfig("application_name", settings.applicationName());
		this.connectionCheckChanged = enableConnectionCheck(settings.connectionCheckInterval());
	}

	static PostgresAdvisoryLock open(Connection connection, LockName name, LockSessionSettings settings)
			throws SQLException {
		return new PostgresAdvisoryLock(connection, name, settings);
	}

	@Override
	public LockName name() {
		return this.name;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		return queryBoolean("SELECT pg_try_advisory_lock(?)");
	}

	@Override
	public void awaitRelease(Duration timeout) throws SQLException {
		if (!this.listening) {
			// The caller retries right after this returns, so a release between its last
			// attempt and this LISTEN is not missed.
			execute("LISTEN " + this.name.channel());
			this.listening = true;
			return;
		}
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		this.connection.unwrap(PGConnection.class).getNotifications(millis);
	}

	@Override
	public Optional<LockHolder> holder() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(HOLDER_QUERY)) {
			statement.setLong(1, this.key >>> 32);
			statement.setLong(2, this.key & 0xFFFFFFFFL);
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
		if (!this.connection.getAutoCommit()) {
			// Whatever ran under the lock left a transaction open; NOTIFY would wait for it.
			this.connection.rollback();
			this.connection.setAutoCommit(true);
		}
		if (!queryBoolean("SELECT pg_advisory_unlock(?)")) {
			logger.warn(this.name + " was not held by this session when it was released");
		}
		execute("NOTIFY " + this.name.channel());
	}

	@Override
	public void close() throws SQLException {
		if (this.connection.isClosed()) {
			return;
		}
		if (this.listening) {
			execute("UNLISTEN " + this.name.channel());
		}
		if (this.connectionCheckChanged) {
			execute("RESET client_connection_check_interval");
		}
		setConfig("application_name", this.originalApplicationName);
		this.connection.setAutoCommit(this.originalAutoCommit);
	}

	private boolean enableConnectionCheck(Duration interval) throws SQLException {
		if (interval.isZero() || this.connection.getMetaData().getDatabaseMajorVersion() < 14) {
			return false;
		}
		try {
			setConfig("client_connection_check_interval", String.valueOf(interval.toMillis()));
			return true;
		}
		catch (SQLException ex) {
			logger.info("PostgreSQL did not accept client_connection_check_interval (" + ex.getMessage().strip()
					+ "); a killed lock holder will keep the lock until its running statement ends");
			return false;
		}
	}

	private String setConfig(String setting, String value) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT current_setting(?), set_config(?, ?, false)")) {
			statement.setString(1, setting);
			statement.setString(2, setting);
			statement.setString(3, value);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

	private boolean queryBoolean(String sql) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setLong(1, this.key);
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

	@Override
	public String toString() {
		return this.name + " (PostgreSQL advisory lock " + this.key + ")";
	}

}

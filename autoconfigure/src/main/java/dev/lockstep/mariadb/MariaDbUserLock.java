package dev.lockstep.mariadb;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A MariaDB or MySQL user lock ({@code GET_LOCK}), which belongs to the connection that
 * took it. A waiter blocks inside {@code GET_LOCK} for at most a pause, on an auto-commit
 * session with no transaction open, so it holds no metadata lock that a holder's
 * {@code ALTER TABLE} would wait for; the server wakes it the moment the holder lets go,
 * and the lock it takes then is this session's: the next {@link #tryAcquire()} reports it
 * held without taking it a second time, so one {@code RELEASE_LOCK} always frees it.
 */
final class MariaDbUserLock implements LockSession {

	private static final Log logger = LogFactory.getLog(MariaDbUserLock.class);

	private static final String HOLDER_QUERY = """
			SELECT l.holder, p.USER, p.HOST, p.COMMAND, p.TIME FROM (SELECT IS_USED_LOCK(?) AS holder) l
			LEFT JOIN information_schema.PROCESSLIST p ON p.ID = l.holder
			WHERE l.holder IS NOT NULL
			""";

	private final Connection connection;

	private final LockName name;

	private final MariaDbLockName serverName;

	private final boolean originalAutoCommit;

	private final boolean fractionalTimeouts;

	private boolean held;

	private MariaDbUserLock(Connection connection, LockName name) throws SQLException {
		this.connection = connection;
		this.name = name;
		this.serverName = MariaDbLockName.of(name);
		// MySQL documents GET_LOCK's timeout in whole seconds; MariaDB takes fractions.
		this.fractionalTimeouts = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
		this.originalAutoCommit = connection.getAutoCommit();
		// A waiter inside a transaction would keep the metadata locks of what it read.
		connection.setAutoCommit(true);
	}

	/**
	 * Open a lock session on the connection.
	 */
	static MariaDbUserLock open(Connection connection, LockName name) throws SQLException {
		return new MariaDbUserLock(connection, name);
	}

	@Override
	public LockName name() {
		return this.name;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		if (!this.held) {
			this.held = getLock(BigDecimal.ZERO);
		}
		return this.held;
	}

	/**
	 * Wait inside {@code GET_LOCK} for at most the timeout: the lock is this session's if
	 * the holder let go meanwhile.
	 */
	@Override
	public void awaitRelease(Duration timeout) throws SQLException {
		BigDecimal seconds = BigDecimal.valueOf(Math.max(1, timeout.toMillis()), 3);
		this.held = getLock(this.fractionalTimeouts ? seconds : seconds.setScale(0, RoundingMode.CEILING));
	}

	@Override
	public Optional<LockHolder> holder() throws SQLException {
		return holder(this.connection, this.name);
	}

	/**
	 * Return the session that holds the lock, changing nothing on the connection. The
	 * server knows no application name for a session: the holder is its user, host and
	 * connection id (its user and host only where this user may see its processes), and
	 * since when it has been idle or in its current statement (the server keeps no time of
	 * connection).
	 */
	static Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(HOLDER_QUERY)) {
			statement.setString(1, MariaDbLockName.of(name).value());
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				String user = result.getString("USER");
				String host = result.getString("HOST");
				return Optional.of(new LockHolder(result.getString("holder"), null,
						(user != null) ? user + "@" + host : null, null,
						activity(result.getString("COMMAND"), result.getLong("TIME"))));
			}
		}
	}

	/**
	 * Describe what the process list says the holder is doing, and since when.
	 */
	private static @Nullable String activity(@Nullable String command, long seconds) {
		if (command == null) {
			return null;
		}
		String since = " since " + Instant.now().minusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
		return switch (command) {
			case "Sleep" -> "idle" + since;
			case "Query" -> "in a statement" + since;
			default -> "'" + command + "'" + since;
		};
	}

	@Override
	public void release() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
			statement.setString(1, this.serverName.value());
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next() || result.getInt(1) != 1) {
					logger.warn(this.name + " was not held by this session when it was released");
				}
			}
		}
		this.held = false;
	}

	@Override
	public void close() throws SQLException {
		if (this.connection.isClosed()) {
			return;
		}
		try {
			if (this.held) {
				release();
			}
		}
		finally {
			if (!this.connection.getAutoCommit()) {
				// Whatever ran under the lock left a transaction open: it must not be committed
				// by restoring the setting.
				this.connection.rollback();
			}
			this.connection.setAutoCommit(this.originalAutoCommit);
		}
	}

	private boolean getLock(BigDecimal timeoutSeconds) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
			statement.setString(1, this.serverName.value());
			statement.setBigDecimal(2, timeoutSeconds);
			try (ResultSet result = statement.executeQuery()) {
				// 1 taken, 0 timed out, NULL on an error such as the wait being killed.
				return result.next() && result.getInt(1) == 1;
			}
		}
	}

	@Override
	public String toString() {
		return this.name + " (user lock '" + this.serverName.value() + "')";
	}

}

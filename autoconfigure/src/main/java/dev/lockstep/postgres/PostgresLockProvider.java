package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.MigrationLockProvider;

/**
 * PostgreSQL's session advisory lock, with shared holds for the waiters' check and
 * {@code LISTEN}/{@code NOTIFY} release signals.
 */
public final class PostgresLockProvider implements MigrationLockProvider {

	private final Duration connectionCheckInterval;

	/**
	 * Create a new instance.
	 * @param connectionCheckInterval how often the server checks, during a long statement,
	 * that the lock holder's client is still alive ({@link Duration#ZERO} leaves the
	 * server's setting alone); PostgreSQL 14 and later
	 */
	public PostgresLockProvider(Duration connectionCheckInterval) {
		this.connectionCheckInterval = connectionCheckInterval;
	}

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return PostgresConnections.isPostgres(connection);
	}

	@Override
	public LockSession open(Connection connection, LockName name, LockSessionSettings settings)
			throws SQLException {
		return PostgresAdvisoryLock.open(connection, name, settings, this.connectionCheckInterval);
	}

	@Override
	public Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		return PostgresAdvisoryLock.holder(connection, name);
	}

	@Override
	public String description() {
		return "PostgreSQL advisory lock";
	}

}

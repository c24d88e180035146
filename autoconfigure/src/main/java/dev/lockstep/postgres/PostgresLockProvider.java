package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.MigrationLockProvider;

/**
 * PostgreSQL's session advisory lock, with shared holds for the waiters' check and
 * {@code LISTEN}/{@code NOTIFY} release signals. A lock session is refused on a connection
 * through a pooler in transaction or statement pooling mode (see
 * {@link PostgresPoolerCheck}).
 */
public final class PostgresLockProvider implements MigrationLockProvider {

	private final Duration connectionCheckInterval;

	private final PostgresPoolerCheck poolerCheck;

	/**
	 * Create a new instance.
	 * @param connectionCheckInterval how often the server checks, during a long statement,
	 * that the lock holder's client is still alive ({@link Duration#ZERO} leaves the
	 * server's setting alone); PostgreSQL 14 and later
	 * @param dataSource the database the migrations run on: where a lock connection goes
	 * through a connection pooler, a second connection from it checks that the pooler keeps
	 * one server session per client
	 */
	public PostgresLockProvider(Duration connectionCheckInterval, DataSource dataSource) {
		this.connectionCheckInterval = connectionCheckInterval;
		this.poolerCheck = new PostgresPoolerCheck(dataSource);
	}

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return PostgresConnections.isPostgres(connection);
	}

	@Override
	public LockSession open(Connection connection, LockName name, LockSessionSettings settings)
			throws SQLException {
		PostgresAdvisoryLock lock = PostgresAdvisoryLock.open(connection, name, settings,
				this.connectionCheckInterval);
		try {
			// On the session as the lock uses it: in auto-commit, each statement its own transaction.
			this.poolerCheck.check(connection);
			return lock;
		}
		catch (SQLException | RuntimeException ex) {
			try {
				lock.close();
			}
			catch (SQLException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
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

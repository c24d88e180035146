package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Opens the advisory lock that fits a connection's database.
 */
public final class AdvisoryLocks {

	private static final @Nullable Class<?> POSTGRES_CONNECTION = driverType("org.postgresql.PGConnection");

	private AdvisoryLocks() {
	}

	/**
	 * Open an advisory lock on the given connection.
	 * @param connection the connection that will hold the lock and run the migration
	 * @param name the lock's name
	 * @param settings how the lock session presents itself
	 * @return the lock, or empty if the database has no advisory locks Lockstep supports
	 * @throws SQLException on a database error
	 */
	public static Optional<AdvisoryLock> open(Connection connection, LockName name, LockSessionSettings settings)
			throws SQLException {
		if (isPostgres(connection)) {
			return Optional.of(PostgresAdvisoryLock.open(connection, name, settings));
		}
		return Optional.empty();
	}

	/**
	 * Return the session that holds a lock, changing nothing on the connection.
	 * @param connection any connection to the database
	 * @param name the lock's name
	 * @return the holder, or empty if the lock is free or the database has no advisory
	 * lock Lockstep supports
	 * @throws SQLException on a database error
	 */
	public static Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		return isPostgres(connection) ? PostgresAdvisoryLock.holder(connection, name) : Optional.empty();
	}

	/**
	 * Return whether a connection is a PostgreSQL driver's, through any pool or proxy that
	 * unwraps. Asking the driver, not its metadata, keeps a start with nothing pending from
	 * loading the driver's metadata classes, the largest it has.
	 * @param connection the connection
	 * @return whether it connects to PostgreSQL
	 * @throws SQLException on a database error
	 */
	public static boolean isPostgres(Connection connection) throws SQLException {
		return POSTGRES_CONNECTION != null && connection.isWrapperFor(POSTGRES_CONNECTION);
	}

	private static @Nullable Class<?> driverType(String name) {
		ClassLoader classLoader = AdvisoryLocks.class.getClassLoader();
		return ClassUtils.isPresent(name, classLoader) ? ClassUtils.resolveClassName(name, classLoader) : null;
	}

}

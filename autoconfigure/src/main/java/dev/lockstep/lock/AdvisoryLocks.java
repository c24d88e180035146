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
	 * Return whether a connection is one of PostgreSQL's JDBC driver, which Lockstep's
	 * PostgreSQL support needs.
	 * @param connection the connection, possibly wrapped by a pool or a proxy
	 * @return whether it is a PostgreSQL driver connection
	 * @throws SQLException on a database error
	 */
	public static boolean isPostgres(Connection connection) throws SQLException {
		if (POSTGRES_CONNECTION == null) {
			return false;
		}
		// Unwrapping answers without loading the driver's metadata classes, the largest it
		// has; the metadata answers for a wrapper that does not unwrap.
		return connection.isWrapperFor(POSTGRES_CONNECTION)
				|| "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
	}

	private static @Nullable Class<?> driverType(String name) {
		try {
			return ClassUtils.forName(name, AdvisoryLocks.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}

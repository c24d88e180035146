package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.util.ClassUtils;

/**
 * Opens the advisory lock that fits a connection's database.
 */
public final class AdvisoryLocks {

	private static final boolean POSTGRES_DRIVER_PRESENT = ClassUtils.isPresent("org.postgresql.PGConnection",
			AdvisoryLocks.class.getClassLoader());

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
		String product = connection.getMetaData().getDatabaseProductName();
		if ("PostgreSQL".equalsIgnoreCase(product) && POSTGRES_DRIVER_PRESENT) {
			return Optional.of(PostgresAdvisoryLock.open(connection, name, settings));
		}
		return Optional.empty();
	}

}

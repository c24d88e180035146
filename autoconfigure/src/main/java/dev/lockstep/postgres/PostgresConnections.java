package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Tells PostgreSQL connections apart from others.
 */
final class PostgresConnections {

	private static final @Nullable Class<?> POSTGRES_CONNECTION = driverType("org.postgresql.PGConnection");

	private PostgresConnections() {
	}

	/**
	 * Return whether a connection is one of PostgreSQL's JDBC driver, which Lockstep's
	 * PostgreSQL support needs.
	 * @param connection the connection, possibly wrapped by a pool or a proxy
	 * @return whether it is a PostgreSQL driver connection
	 * @throws SQLException on a database error
	 */
	static boolean isPostgres(Connection connection) throws SQLException {
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
			return ClassUtils.forName(name, PostgresConnections.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}

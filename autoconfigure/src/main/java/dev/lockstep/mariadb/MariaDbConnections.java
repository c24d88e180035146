package dev.lockstep.mariadb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Tells MariaDB and MySQL connections apart from others, through either server's JDBC
 * driver.
 */
final class MariaDbConnections {

	private static final List<Class<?>> DRIVER_CONNECTIONS = Stream
		.of("org.mariadb.jdbc.Connection", "com.mysql.cj.jdbc.JdbcConnection")
		.map(MariaDbConnections::driverType)
		.filter(Objects::nonNull)
		.<Class<?>>map((type) -> type)
		.toList();

	private MariaDbConnections() {
	}

	/**
	 * Return whether a connection is to a MariaDB or MySQL server.
	 * @param connection the connection, possibly wrapped by a pool or a proxy
	 * @return whether it is one of theirs
	 * @throws SQLException on a database error
	 */
	static boolean isMariaDbOrMySql(Connection connection) throws SQLException {
		for (Class<?> type : DRIVER_CONNECTIONS) {
			if (connection.isWrapperFor(type)) {
				return true;
			}
		}
		// A wrapper that does not unwrap, or another driver: the metadata answers.
		String product = connection.getMetaData().getDatabaseProductName();
		return "MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product);
	}

	private static @Nullable Class<?> driverType(String name) {
		try {
			return ClassUtils.forName(name, MariaDbConnections.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}

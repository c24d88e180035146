package dev.lockstep.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.lockstep.lock.MigrationLockProvider;
import dev.lockstep.lock.MigrationLockProviderContractTests;
import dev.lockstep.test.MariaDbTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MariaDbLockProvider} keeps the lock provider contract on a real MariaDB server.
 */
class MariaDbLockProviderContractTests extends MigrationLockProviderContractTests {

	@RegisterExtension
	static MariaDbTestDatabase database = new MariaDbTestDatabase();

	private final MariaDbLockProvider provider = new MariaDbLockProvider();

	@Override
	protected MigrationLockProvider provider() {
		return this.provider;
	}

	@Override
	protected Connection newConnection() throws SQLException {
		return database.connect();
	}

	@Override
	protected void terminate(Connection victim) throws SQLException {
		long id = connectionId(victim);
		try (Connection operator = database.connect(); Statement kill = operator.createStatement()) {
			kill.execute("KILL CONNECTION " + id);
		}
	}

	/**
	 * MariaDB knows no application name for a session: the holder is named by its
	 * connection id, user and host, and since when it has been idle.
	 */
	@Override
	protected String describedHolder(Connection holderConnection, String applicationName) throws SQLException {
		return "(session " + connectionId(holderConnection) + ", idle since ";
	}

	static long connectionId(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT CONNECTION_ID()")) {
			row.next();
			return row.getLong(1);
		}
	}

}

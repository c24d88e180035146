package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.lockstep.lock.MigrationLockProvider;
import dev.lockstep.lock.MigrationLockProviderContractTests;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PostgresLockProvider} keeps the lock provider contract on a real PostgreSQL
 * server.
 */
class PostgresLockProviderContractTests extends MigrationLockProviderContractTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	private final PostgresLockProvider provider = new PostgresLockProvider(Duration.ofSeconds(1), database.dataSource());

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
		int pid;
		try (Statement statement = victim.createStatement(); ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			pid = row.getInt(1);
		}
		try (Connection operator = database.connect();
				PreparedStatement kill = operator.prepareStatement("SELECT pg_terminate_backend(?)")) {
			kill.setInt(1, pid);
			kill.execute();
		}
	}

}

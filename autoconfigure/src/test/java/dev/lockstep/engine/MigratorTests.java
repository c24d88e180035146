package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.lockstep.lock.LockListener;
import dev.lockstep.test.ClassDatabase;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link Migrator} tests on PostgreSQL, and the run's {@code search_path}.
 */
class MigratorTests extends AbstractMigratorTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Override
	protected ClassDatabase database() {
		return database;
	}

	@Override
	protected LockedLiquibaseRunner runner() {
		return PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(30), "migrator-test", LockListener.NONE);
	}

	@Test
	void upgradeRunsEveryChangesetWithTheSchemaFirstAndGivesTheConnectionBackAsItWas() throws SQLException {
		try (Connection connection = database.connect()) {
			JdbcTemplate sameConnection = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			migrator(sameConnection.getDataSource(), MigrationSettings.of("classpath:db/searchpath/changelog.yaml"))
				.upgrade("head", false);
			// The session's path, so Liquibase had nothing of its own to set for a changeset.
			assertThat(database.jdbc()
				.queryForList("SELECT search_path FROM search_paths ORDER BY changeset", String.class))
				.containsExactly("\"public\", \"$user\", public", "\"public\", \"$user\", public");
			assertThat(sameConnection.queryForObject("SHOW search_path", String.class)).isEqualTo("\"$user\", public");
		}
	}

}

package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.lockstep.engine.SessionTuning;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The search path of the connection a start migrates on: the schema Liquibase works in
 * comes first for every changeset, and the pool gets the connection back as it was.
 */
class PostgresSearchPathTests {

	private static final String CHANGELOG = "classpath:db/searchpath/changelog.yaml";

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void everyChangesetRunsWithTheSchemaFirstAndThePoolGetsTheConnectionBackAsItWas() {
		try (ConfigurableApplicationContext context = MigratingApplication.start(database, CHANGELOG,
				"spring.datasource.hikari.maximum-pool-size=1")) {
			// Liquibase's own setting for a changeset would read 'public, "$user","public"':
			// this is the session's, so Liquibase had nothing left to set.
			assertThat(database.jdbc()
				.queryForList("SELECT search_path FROM public.search_paths ORDER BY changeset", String.class))
				.containsExactly("\"public\", \"$user\", public", "\"public\", \"$user\", public");
			assertThat(searchPathOfTheOnlyPooledConnection(context)).isEqualTo("\"$user\", public");
		}
	}

	@Test
	void configuredDefaultSchemaComesFirst() {
		database.jdbc().execute("CREATE SCHEMA inventory");
		try (ConfigurableApplicationContext context = MigratingApplication.start(database, CHANGELOG,
				"spring.datasource.hikari.maximum-pool-size=1", "spring.liquibase.default-schema=inventory")) {
			assertThat(database.jdbc()
				.queryForList("SELECT search_path FROM inventory.search_paths ORDER BY changeset", String.class))
				.containsExactly("\"inventory\", \"$user\", public", "\"inventory\", \"$user\", public");
			assertThat(searchPathOfTheOnlyPooledConnection(context)).isEqualTo("\"$user\", public");
		}
	}

	@Test
	void searchPathIsRestoredAfterARunThatLeftItsTransactionAborted() throws SQLException {
		try (Connection connection = database.connect()) {
			SessionTuning.Undo searchPath = new PostgresSearchPath().apply(connection, null);
			assertThat(searchPath).isNotSameAs(SessionTuning.Undo.NONE);
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.execute("SELECT * FROM no_such_table"));
			}
			searchPath.close();
			assertThat(connection.isClosed()).isFalse();
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(searchPath(new SingleConnectionDataSource(connection, true))).isEqualTo("\"$user\", public");
		}
	}

	private static String searchPathOfTheOnlyPooledConnection(ConfigurableApplicationContext context) {
		return searchPath(context.getBean(DataSource.class));
	}

	private static String searchPath(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForObject("SHOW search_path", String.class);
	}

}

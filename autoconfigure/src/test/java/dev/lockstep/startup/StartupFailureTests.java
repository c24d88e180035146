package dev.lockstep.startup;

import dev.lockstep.DatabaseUnreachableException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts that fail: a changeset the database rejects, and a database that cannot be
 * reached.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void failingChangeSetStopsTheStartNamingItAndLeavesNothingBehind(CapturedOutput output) {
		assertThat(MigratingApplication.failedStart(MigrationFailedException.class, database,
				"classpath:db/failing/changelog.yaml"))
			.hasMessageStartingWith("Changeset db/failing/changelog.yaml::bad::alice failed: ")
			.hasMessageContaining("relation \"no_such_table\" does not exist");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Changeset db/failing/changelog.yaml::bad::alice failed")
			.contains("The migration lock was released");
		assertThat(database.columns("public", "good")).containsExactly("id");
		assertThat(database.columns("public", "half_done")).as("the failed changeset's own table").isEmpty();
		assertThat(database.jdbc().queryForList("SELECT id FROM databasechangelog", String.class))
			.containsExactly("good");
		assertThat(database.jdbc()
			.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
					+ "(SELECT oid FROM pg_database WHERE datname = current_database())", Integer.class))
			.as("advisory locks held in this test's database")
			.isZero();
		assertThat(database.jdbc().queryForObject("SELECT locked FROM databasechangeloglock", Boolean.class)).isFalse();
	}

	@Test
	void changesetOutsideATransactionNamesTheStatementsThatMayHaveStayedApplied() {
		assertThat(MigratingApplication.failedStart(MigrationFailedException.class, database,
				"classpath:db/outside-transaction/changelog.yaml"))
			.hasMessageStartingWith("Changeset db/outside-transaction/changelog.yaml::bad::alice failed: ")
			.hasMessageContaining("Statements of this changeset that ran before the failure may have stayed applied "
					+ "(DDL is not transactional on this database, or the changeset ran outside a transaction): "
					+ "CREATE TABLE public.half_done (id INTEGER). Check the schema for them before the next start");
		assertThat(database.columns("public", "half_done")).as("the failed changeset's own table, committed")
			.containsExactly("id");
		assertThat(database.appliedIds()).containsExactly("good");
	}

	@Test
	void nextStartProceedsAfterAFailedOne() {
		MigratingApplication.failedStart(MigrationFailedException.class, database,
				"classpath:db/failing/changelog.yaml");
		MigratingApplication.start(database, "classpath:db/basic/changelog.yaml", "lockstep.lock.wait-timeout=5s")
			.close();
		assertThat(database.columns("public", "person")).isNotEmpty();
	}

	@Test
	void unreachableDatabaseIsNamedPlainly(CapturedOutput output) {
		assertThat(MigratingApplication.failedStart(DatabaseUnreachableException.class, database,
				"classpath:db/slow/changelog.yaml",
				"spring.datasource.url=jdbc:postgresql://127.0.0.1:1/inventory?connectTimeout=2",
				"spring.datasource.password=secret"))
			.hasMessageStartingWith("Cannot connect to database 'inventory' at 127.0.0.1:1 (postgresql): ");
		String failure = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
		assertThat(failure).contains("Cannot connect to database 'inventory' at 127.0.0.1:1 (postgresql)")
			.contains("Connection to 127.0.0.1:1 refused")
			.contains("Check that the database is running")
			.doesNotContain("secret")
			.doesNotContain("\tat ");
	}

}

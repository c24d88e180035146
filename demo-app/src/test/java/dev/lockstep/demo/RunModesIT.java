package dev.lockstep.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import dev.lockstep.LockstepException;
import dev.lockstep.demo.DemoProcess.Finished;
import dev.lockstep.lock.LockName;
import dev.lockstep.postgres.PostgresLockKey;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every run mode and every exit code of the packaged demo jar, against a real PostgreSQL.
 */
class RunModesIT {

	private static final int CHANGESETS = 10;

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void migrateModeMigratesThenServesTheApi() throws Exception {
		try (DemoProcess app = DemoProcess.start(database, "--server.port=0")) {
			int port = app.awaitPort();
			Http books = Http.get(port, "/books");
			assertThat(books.status()).isEqualTo(200);
			assertThat(books.json().read("$[*].title", List.class)).containsExactly("A Wizard of Earthsea",
					"Guards! Guards!");
			assertThat(Http.get(port, "/actuator/health/readiness").json().read("$.status", String.class))
				.isEqualTo("UP");
			assertThat(app.output()).contains("Lockstep: applied " + CHANGESETS + " changesets");
		}
	}

	@Test
	void migrateOnlyMigratesAndExitsZeroWithoutAWebServer() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.mode=migrate-only");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("Lockstep: applied " + CHANGESETS + " changesets")
			.contains("Applied changeset 1/" + CHANGESETS + " ")
			.contains("Applied changeset " + CHANGESETS + "/" + CHANGESETS + " ")
			.doesNotContain("ran successfully")
			.doesNotContain("Running Changeset")
			.contains("Lockstep migrate-only: done; exiting")
			.doesNotContain("Tomcat started");
		assertThat(database.appliedIds()).hasSize(CHANGESETS);
		Finished again = DemoProcess.run(database, "--lockstep.mode=migrate-only");
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).contains("Lockstep: no pending changesets").contains("fast path");
	}

	@Test
	void validateModeFailsWithWhatIsPendingAndChangesNothing() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.mode=validate");
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_REFUSED);
		assertThat(run.output()).contains(CHANGESETS + " changesets are pending and lockstep.mode is validate")
			.contains("db/changelog/changes/001-catalog.yaml::create-author::lockstep-demo")
			.contains("lockstep.mode=migrate-only");
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void validateModeStartsOnAnUpToDateSchema() throws Exception {
		assertThat(DemoProcess.run(database, "--lockstep.mode=migrate-only").exitCode()).isZero();
		try (DemoProcess app = DemoProcess.start(database, "--server.port=0", "--lockstep.mode=validate")) {
			int port = app.awaitPort();
			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(Http.get(port, "/books").status()).isEqualTo(200);
		}
	}

	@Test
	void validateModeCanReportPendingChangesetsOnHealthInstead() throws Exception {
		assertThat(DemoProcess.run(database, "--lockstep.command=upgrade", "--lockstep.target=v2").exitCode())
			.isZero();
		// Hibernate's validate would fail this start on the pending columns, before the health could report them.
		try (DemoProcess app = DemoProcess.start(database, "--server.port=0", "--lockstep.mode=validate",
				"--lockstep.validate.on-pending=report", "--spring.jpa.hibernate.ddl-auto=none")) {
			int port = app.awaitPort();
			Http health = Http.get(port, "/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().read("$.status", String.class)).isEqualTo("DOWN");
			// Components and their details are for authorized users only; the demo signs no one in.
			assertThat(health.json().read("$", Map.class)).doesNotContainKeys("components", "details");
			assertThat(Http.get(port, "/actuator/migrations").json().read("$.pendingCount", Integer.class))
				.isEqualTo(3);
			assertThat(Http.get(port, "/actuator/health/readiness").status()).isEqualTo(503);
		}
	}

	@Test
	void offModeLeavesTheSchemaAlone() throws Exception {
		// No schema at all: Hibernate's validate would fail the start.
		try (DemoProcess app = DemoProcess.start(database, "--server.port=0", "--lockstep.mode=off",
				"--spring.jpa.hibernate.ddl-auto=none")) {
			app.awaitPort();
			assertThat(app.output()).contains("migrations do not run at startup (lockstep.mode is off)");
		}
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void lockTimeoutExitsWithItsOwnCode() throws Exception {
		try (Connection holder = database.connect()) {
			holder.createStatement().execute("SET application_name = 'other-deploy'");
			try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
				lock.setLong(1, PostgresLockKey.of(LockName.forChangelogTable("public", "DATABASECHANGELOG")).key());
				lock.execute();
			}
			Finished run = DemoProcess.run(database, "--lockstep.mode=migrate-only", "--lockstep.lock.wait-timeout=1s");
			assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_LOCK_TIMEOUT);
			assertThat(run.output()).contains("held by 'other-deploy'");
		}
	}

	@Test
	void failedChangesetExitsWithItsOwnCode() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.mode=migrate-only",
				DemoProcess.testChangelog("failing"));
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_MIGRATION_FAILED);
		assertThat(run.output()).contains("::bad::alice failed: ERROR: relation \"no_such_table\" does not exist");
	}

	@Test
	void unreachableDatabaseExitsWithItsOwnCode() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.mode=migrate-only",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/library");
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_DATABASE_UNREACHABLE);
		assertThat(run.output()).contains("Cannot connect to database 'library' at 127.0.0.1:1");
	}

	@Test
	void startWithTheDeploymentsSettingsButNoDatabaseUrlFailsAtOnceNamingTheSetting() throws Exception {
		Finished run = DemoProcess.runWithoutDatabase("--lockstep.mode=migrate-only");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.output()).contains("No database to connect to: set spring.datasource.url")
			.contains("SPRING_DATASOURCE_URL")
			.doesNotContain("Starting DemoApplication")
			.doesNotContain("io.zonky")
			.doesNotContain("HikariPool");
	}

	@Test
	void refusedCommandExitsWithItsOwnCode() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.command=downgrade", "--lockstep.target=nope");
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_REFUSED);
		assertThat(run.output()).contains("FAILED: No changeset or tag is named 'nope'")
			.contains("Nothing was changed")
			.doesNotContain("APPLICATION FAILED TO START")
			.doesNotContain("[");
	}

	@Test
	void misspelledLockstepPropertyFailsBeforeTouchingTheDatabase() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.comand=current", "--server.port=0");
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_INVALID_CONFIGURATION);
		assertThat(run.output())
			.contains("Lockstep has no property 'lockstep.comand' (set in commandLineArgs; did you mean "
					+ "'lockstep.command'?)")
			.doesNotContain("Tomcat started")
			.doesNotContain("Lockstep: applied");
		assertThat(database.schemaDump("public")).isEmpty();
	}

}

package dev.lockstep.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.lockstep.LockstepException;
import dev.lockstep.event.LockstepEvent;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.test.ApplicationProcess;
import dev.lockstep.test.MariaDbTestDatabase;
import dev.lockstep.test.SeveralDatabasesApplication;
import dev.lockstep.test.TableChangelogs;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application with three migrations: the default one on PostgreSQL, {@code reporting}
 * on a second PostgreSQL database and {@code ledger} on MariaDB, each with its changelog.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeveralMigrationsStartupTests {

	@RegisterExtension
	static TestDatabase main = TestDatabase.emptyForEachTest();

	@RegisterExtension
	static TestDatabase reporting = TestDatabase.emptyForEachTest();

	@RegisterExtension
	static MariaDbTestDatabase ledger = MariaDbTestDatabase.emptyForEachTest();

	@TempDir
	Path changelogs;

	@BeforeEach
	void writeChangelogs() throws IOException {
		write("main.yaml", TableChangelogs.creatingTables("orders", "invoices"));
		write("reporting.yaml", TableChangelogs.creatingTables("daily_totals"));
		write("ledger.yaml", TableChangelogs.creatingTables("entries", "balances"));
	}

	@Test
	void eachMigratesAtStartupUnderItsOwnLockInNameOrderAfterTheDefault() {
		Map<String, String> lockNames = new ConcurrentHashMap<>();
		List<String> applied = new ArrayList<>();
		ApplicationListener<LockstepEvent> recorder = (event) -> {
			if (event instanceof MigrationLockAcquiredEvent acquired) {
				lockNames.put(event.getMigrationName(), acquired.getGrant().name().value());
			}
			if (event instanceof MigrationsAppliedEvent done) {
				applied.add(event.getMigrationName() + ": " + done.getResult().applied());
			}
		};
		start(recorder).close();
		assertThat(applied).containsExactly("default: 2", "ledger: 2", "reporting: 1");
		assertThat(lockNames).containsOnlyKeys("default", "ledger", "reporting");
		assertThat(lockNames.get("default")).isEqualTo("lockstep:public.databasechangelog");
		assertThat(lockNames.get("reporting")).isEqualTo("lockstep:public.databasechangelog");
		assertThat(lockNames.get("ledger")).isEqualTo("lockstep:" + ledger.name() + ".databasechangelog");
		assertThat(main.appliedIds()).containsExactly("orders", "invoices");
		assertThat(reporting.appliedIds()).containsExactly("daily_totals");
		assertThat(ledger.jdbc().queryForList("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED", String.class))
			.containsExactly("entries", "balances");
		assertThat(main.columns("public", "daily_totals")).as("reporting's table in the main database").isEmpty();
	}

	@Test
	void aSecondStartTakesEachFastPath() {
		start((event) -> {
		}).close();
		List<String> applied = new ArrayList<>();
		start((event) -> {
			if (event instanceof MigrationsAppliedEvent done) {
				applied.add(event.getMigrationName() + ": " + done.getResult().applied());
			}
		}).close();
		assertThat(applied).containsExactly("default: 0", "ledger: 0", "reporting: 0");
	}

	@Test
	void aFailingChangesetInTheSecondFailsTheStartNamingTheMigrationAndTheChangeset(CapturedOutput output)
			throws IOException {
		write("reporting.yaml", TableChangelogs.creatingTables("daily_totals") + """
				  - changeSet:
				      id: bad
				      author: lockstep
				      changes:
				        - sql:
				            sql: SELECT * FROM no_such_table
				""");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start((event) -> {
		}))
			.havingRootCause()
			.withMessageContaining("no_such_table");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Migration 'reporting': Changeset ")
			.contains("reporting.yaml::bad::lockstep failed");
		assertThat(main.appliedIds()).as("the default migration ran before").containsExactly("orders", "invoices");
		assertThat(reporting.appliedIds()).containsExactly("daily_totals");
	}

	@Test
	void threeProcessesRacingMigrateEachDatabaseOnce() throws Exception {
		write("main.yaml", TableChangelogs.creatingTables("orders") + sleeping("pg_sleep(2)"));
		write("reporting.yaml", TableChangelogs.creatingTables("daily_totals") + sleeping("pg_sleep(2)"));
		write("ledger.yaml", TableChangelogs.creatingTables("entries") + sleeping("SLEEP(2)"));
		List<ApplicationProcess> processes = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				processes.add(ApplicationProcess.start(SeveralDatabasesApplication.class,
						arguments("--lockstep.mode=migrate-only")));
			}
			for (ApplicationProcess process : processes) {
				assertThat(process.awaitExit(Duration.ofMinutes(2))).as(process.output()).isZero();
			}
		}
		finally {
			for (ApplicationProcess process : processes) {
				process.close();
			}
		}
		assertThat(main.appliedIds()).containsExactly("orders", "sleep");
		assertThat(reporting.appliedIds()).containsExactly("daily_totals", "sleep");
		assertThat(ledger.jdbc().queryForList("SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED", String.class))
			.containsExactly("entries", "sleep");
	}

	@Test
	void commandsAddressEachMigrationByName() throws Exception {
		start((event) -> {
		}).close();
		Finished reportingCurrent = run("--lockstep.command=current", "--lockstep.migration=reporting",
				"--lockstep.output=json");
		assertThat(reportingCurrent.exitCode()).as(reportingCurrent.output()).isZero();
		assertThat(reportingCurrent.output()).contains("\"id\":\"daily_totals\"")
			.contains("\"migration\":\"reporting\",\"migrations\":[\"default\",\"ledger\",\"reporting\"]");
		Finished ledgerDowngrade = run("--lockstep.command=downgrade", "--lockstep.target=-1",
				"--lockstep.migration=ledger");
		assertThat(ledgerDowngrade.exitCode()).as(ledgerDowngrade.output()).isZero();
		assertThat(ledger.jdbc().queryForList("SELECT ID FROM DATABASECHANGELOG", String.class))
			.containsExactly("entries");
		assertThat(main.appliedIds()).containsExactly("orders", "invoices");
		Finished unknown = run("--lockstep.command=current", "--lockstep.migration=billing");
		assertThat(unknown.exitCode()).isEqualTo(LockstepException.EXIT_REFUSED);
		assertThat(unknown.output()).contains("No migration named 'billing': use one of default, ledger, reporting");
		Finished missing = run("--lockstep.command=current");
		assertThat(missing.exitCode()).isEqualTo(LockstepException.EXIT_REFUSED);
		assertThat(missing.output()).contains("several migrations (default, ledger, reporting)")
			.contains("--lockstep.migration=<name>");
	}

	private Finished run(String... arguments) throws Exception {
		try (ApplicationProcess process = ApplicationProcess.start(SeveralDatabasesApplication.class,
				arguments(arguments))) {
			int exitCode = process.awaitExit(Duration.ofMinutes(2));
			return new Finished(exitCode, process.output());
		}
	}

	private List<String> arguments(String... more) {
		return Stream.concat(Stream.of(properties()).map((property) -> "--" + property), Stream.of(more)).toList();
	}

	private ConfigurableApplicationContext start(ApplicationListener<LockstepEvent> listener) {
		return new SpringApplicationBuilder(SeveralDatabasesApplication.class).listeners(listener)
			.properties(properties())
			.run();
	}

	private String[] properties() {
		List<String> properties = new ArrayList<>(List.of(main.datasourceProperties()));
		properties.addAll(List.of(SeveralDatabasesApplication.dataSourceProperties("reporting", reporting)));
		properties.addAll(List.of(SeveralDatabasesApplication.dataSourceProperties("ledger", ledger)));
		properties.addAll(List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off",
				"spring.liquibase.change-log=" + location("main.yaml"),
				"lockstep.migrations.reporting.data-source=reportingDataSource",
				"lockstep.migrations.reporting.change-log=" + location("reporting.yaml"),
				"lockstep.migrations.ledger.data-source=ledgerDataSource",
				"lockstep.migrations.ledger.change-log=" + location("ledger.yaml")));
		return properties.toArray(String[]::new);
	}

	private String location(String file) {
		return this.changelogs.resolve(file).toUri().toString();
	}

	private void write(String file, String changelog) throws IOException {
		Files.writeString(this.changelogs.resolve(file), changelog);
	}

	private static String sleeping(String call) {
		return """
				  - changeSet:
				      id: sleep
				      author: lockstep
				      changes:
				        - sql:
				            sql: SELECT %s
				""".formatted(call);
	}

	private record Finished(int exitCode, String output) {

	}

}

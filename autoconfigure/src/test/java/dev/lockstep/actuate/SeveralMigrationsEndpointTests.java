package dev.lockstep.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.lockstep.actuate.EndpointApplication.AuditRecorder;
import dev.lockstep.actuate.EndpointApplication.Response;
import dev.lockstep.test.MariaDbTestDatabase;
import dev.lockstep.test.SeveralDatabasesApplication;
import dev.lockstep.test.TableChangelogs;
import dev.lockstep.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.lockstep.actuate.EndpointApplication.get;
import static dev.lockstep.actuate.EndpointApplication.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/migrations}, the health indicator and the metrics of an application
 * with three migrations: the default one and {@code reporting} on PostgreSQL,
 * {@code ledger} on MariaDB.
 */
class SeveralMigrationsEndpointTests {

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
		Files.writeString(this.changelogs.resolve("main.yaml"), TableChangelogs.creatingTables("orders", "invoices"));
		Files.writeString(this.changelogs.resolve("reporting.yaml"), TableChangelogs.creatingTables("daily_totals"));
		Files.writeString(this.changelogs.resolve("ledger.yaml"), TableChangelogs.creatingTables("entries", "balances"));
	}

	@Test
	void endpointListsEachMigrationAndReadsEachByName() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			Response summary = get(context, "/actuator/migrations");
			assertThat(summary.status()).isEqualTo(200);
			assertThat((String) summary.read("$.migration")).isEqualTo("default");
			assertThat((List<String>) summary.read("$.migrations")).containsExactly("default", "ledger", "reporting");
			assertThat((String) summary.read("$.current.id")).isEqualTo("invoices");
			Response reportingSummary = get(context, "/actuator/migrations/reporting");
			assertThat((String) reportingSummary.read("$.migration")).isEqualTo("reporting");
			assertThat((String) reportingSummary.read("$.current.id")).isEqualTo("daily_totals");
			Response ledgerHistory = get(context, "/actuator/migrations/ledger/history?limit=1");
			assertThat((List<String>) ledgerHistory.read("$.changeSets[*].id")).containsExactly("balances");
			assertThat((Integer) ledgerHistory.read("$.total")).isEqualTo(2);
			assertThat((List<String>) get(context, "/actuator/migrations/history").read("$.changeSets[*].id"))
				.as("the single-database path, of the default migration")
				.containsExactly("invoices", "orders");
			Response unknown = get(context, "/actuator/migrations/billing/history");
			assertThat(unknown.status()).isEqualTo(404);
			assertThat((String) unknown.read("$.reason")).isEqualTo("UNKNOWN_MIGRATION");
			assertThat((String) unknown.read("$.message"))
				.isEqualTo("No migration named 'billing': use one of default, ledger, reporting");
			assertThat(get(context, "/actuator/migrations/billing").status()).isEqualTo(404);
		}
	}

	@Test
	void endpointOperatesOnEachMigrationByName() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			Response downgrade = post(context, "/actuator/migrations/ledger/downgrade", "{\"target\": \"-1\"}");
			assertThat(downgrade.status()).as(downgrade.body()).isEqualTo(200);
			assertThat(ledger.columns("balances")).isEmpty();
			assertThat(main.appliedIds()).containsExactly("orders", "invoices");
			Response ledgerSummary = get(context, "/actuator/migrations/ledger");
			assertThat((Integer) ledgerSummary.read("$.pendingCount")).isEqualTo(1);
			assertThat((String) ledgerSummary.read("$.lastRun.operation")).isEqualTo("downgrade");
			Response defaultSummary = get(context, "/actuator/migrations");
			assertThat((Integer) defaultSummary.read("$.pendingCount")).isZero();
			assertThat((String) defaultSummary.read("$.lastRun.operation")).isEqualTo("startup");
			assertThat((Integer) defaultSummary.read("$.lastRun.changeSets")).isEqualTo(2);
			assertThat((Integer) get(context, "/actuator/migrations/reporting").read("$.lastRun.changeSets"))
				.isEqualTo(1);
			Response dryRun = post(context, "/actuator/migrations/reporting/downgrade",
					"{\"target\": \"base\", \"dryRun\": true}");
			assertThat((List<String>) dryRun.read("$.changeSets")).singleElement(
					org.assertj.core.api.InstanceOfAssertFactories.STRING).endsWith("::daily_totals::lockstep");
			assertThat(reporting.appliedIds()).containsExactly("daily_totals");
			assertThat(context.getBean(AuditRecorder.class).events).extracting((event) -> event.getAuditEvent()
				.getData()
				.get("migration")).containsExactly("ledger", "reporting");
			Response upgrade = post(context, "/actuator/migrations/ledger/upgrade", "{\"target\": \"head\"}");
			assertThat(upgrade.status()).isEqualTo(200);
			assertThat(ledger.columns("balances")).containsExactly("id");
		}
	}

	@Test
	void healthAndMetricsShowEachMigration() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			post(context, "/actuator/migrations/ledger/downgrade", "{\"target\": \"-1\"}");
			Response health = get(context, "/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(200);
			assertThat((String) health.read("$.components.default.status")).isEqualTo("UP");
			assertThat((String) health.read("$.components.reporting.details.current")).contains("daily_totals");
			assertThat((Integer) health.read("$.components.ledger.details.pendingCount")).isEqualTo(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			List<String> pending = new ArrayList<>();
			for (String migration : List.of("default", "ledger", "reporting")) {
				pending.add(migration + "=" + (int) registry.get("lockstep.migration.pending")
					.tag("migration", migration)
					.gauge()
					.value());
			}
			assertThat(pending).containsExactly("default=0", "ledger=1", "reporting=0");
			assertThat(registry.get("lockstep.migration.applied").tag("migration", "ledger").functionCounter().count())
				.isEqualTo(2);
		}
	}

	private ConfigurableApplicationContext start() {
		List<String> properties = new ArrayList<>(List.of(EndpointApplication.WITHOUT_SECURITY,
				"management.endpoint.migrations.access=unrestricted",
				"spring.liquibase.change-log=" + location("main.yaml"),
				"lockstep.migrations.reporting.data-source=reportingDataSource",
				"lockstep.migrations.reporting.change-log=" + location("reporting.yaml"),
				"lockstep.migrations.ledger.data-source=ledgerDataSource",
				"lockstep.migrations.ledger.change-log=" + location("ledger.yaml")));
		properties.addAll(List.of(SeveralDatabasesApplication.dataSourceProperties("reporting", reporting)));
		properties.addAll(List.of(SeveralDatabasesApplication.dataSourceProperties("ledger", ledger)));
		return EndpointApplication.start(main, SeveralDatabasesApplication.class, properties.toArray(String[]::new));
	}

	private String location(String file) {
		return this.changelogs.resolve(file).toUri().toString();
	}

}

package dev.lockstep.actuate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lockstep.actuate.EndpointApplication.Response;
import dev.lockstep.event.LockstepEvent;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationLockReleasedEvent;
import dev.lockstep.event.MigrationStartedEvent;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.lockstep.actuate.EndpointApplication.get;
import static dev.lockstep.actuate.EndpointApplication.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events, metrics and health of a start and of the operations after it.
 */
class MigrationObservabilityTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	static final List<LockstepEvent> events = new CopyOnWriteArrayList<>();

	static final List<String> observations = new CopyOnWriteArrayList<>();

	static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() {
		application = EndpointApplication.start(database, EventRecorderConfiguration.class,
				EndpointApplication.WITHOUT_SECURITY, "management.endpoint.migrations.access=unrestricted");
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void startupPublishesEventsInOrder() {
		assertThat(events).extracting(Object::getClass)
			.containsExactly(MigrationStartedEvent.class, MigrationLockAcquiredEvent.class,
					MigrationLockReleasedEvent.class, MigrationsAppliedEvent.class);
		assertThat(events.get(3)).isInstanceOfSatisfying(MigrationsAppliedEvent.class,
				(applied) -> assertThat(applied.getResult().applied()).isEqualTo(14));
	}

	@Test
	void startupRunIsObserved() {
		assertThat(observations).contains("lockstep.migration");
		assertThat(application.getBean(MeterRegistry.class).get("lockstep.migration").tag("operation", "startup").timer()
			.count()).isOne();
	}

	@Test
	void metricsDescribeTheStartupAndTheOperations() throws Exception {
		MeterRegistry registry = application.getBean(MeterRegistry.class);
		assertThat(registry.get("lockstep.migration.applied").functionCounter().count()).isEqualTo(14);
		assertThat(registry.get("lockstep.migration.pending").gauge().value()).isZero();
		assertThat(registry.get("lockstep.migration")
			.tag("operation", "startup")
			.tag("outcome", "success")
			.tag("migration", "default")
			.timer()
			.count()).isOne();
		assertThat(registry.get("lockstep.lock.wait").timer().count()).isOne();
		post(application, "/actuator/migrations/stamp", "{\"target\": \"-2\"}");
		assertThat(registry.get("lockstep.migration.pending").gauge().value()).isEqualTo(2);
		assertThat(registry.get("lockstep.migration")
			.tag("operation", "stamp")
			.tag("outcome", "success")
			.tag("dry-run", "false")
			.timer()
			.count()).isOne();
		assertThat(registry.find("lockstep.migration.duration").meter()).as("no second, hand-made timer").isNull();
		post(application, "/actuator/migrations/stamp", "{\"target\": \"head\"}");
	}

	@Test
	void deprecatedMeterNamesStayOneRelease() {
		MeterRegistry registry = application.getBean(MeterRegistry.class);
		assertThat(registry.get("lockstep.migrations.pending").gauge().getId().getDescription()).contains("deprecated");
		assertThat(registry.get("lockstep.migrations.applied").functionCounter().count())
			.isEqualTo(registry.get("lockstep.migration.applied").functionCounter().count());
	}

	@Test
	void healthGoesDownAfterAFailedOperation() throws Exception {
		assertThat((String) get(application, "/actuator/health/migrations").read("$.status")).isEqualTo("UP");
		// Forget the view (it has no rollback) and remove a table by hand, so the next
		// rollback fails in the database.
		post(application, "/actuator/migrations/stamp", "{\"target\": \"-1\"}");
		database.jdbc().execute("DROP VIEW customer_totals");
		database.jdbc().execute("DROP TABLE audit_log");
		Response failed = post(application, "/actuator/migrations/downgrade", "{\"target\": \"-2\"}");
		assertThat(failed.status()).isEqualTo(500);
		assertThat((String) failed.read("$.reason")).isEqualTo("FAILED");
		assertThat((String) failed.read("$.message")).contains("add-audit-actor").contains("audit_log");
		Response health = get(application, "/actuator/health/migrations");
		assertThat(health.status()).isEqualTo(503);
		assertThat((String) health.read("$.status")).isEqualTo("DOWN");
		assertThat((String) health.read("$.details.lastError")).startsWith("downgrade: ");
		assertThat((String) get(application, "/actuator/migrations").read("$.lastRun.outcome")).isEqualTo("FAILURE");
	}

	@Configuration(proxyBeanMethods = false)
	static class EventRecorderConfiguration {

		@Bean
		static ApplicationListener<LockstepEvent> lockstepEventRecorder() {
			return events::add;
		}

		@Bean
		ObservationHandler<Observation.Context> observationRecorder() {
			return new ObservationHandler<>() {

				@Override
				public void onStart(Observation.Context context) {
					observations.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			};
		}

	}

}

package dev.lockstep.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.lockstep.LockstepException;
import dev.lockstep.UnknownPropertyException;
import dev.lockstep.UnknownPropertyException.UnknownProperty;
import dev.lockstep.autoconfigure.KnownProperties.Property;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link UnknownPropertiesEnvironmentPostProcessor} and {@link KnownProperties}:
 * {@code lockstep.*} binds strictly, against what LockstepProperties binds.
 */
class UnknownPropertiesEnvironmentPostProcessorTests {

	private final UnknownPropertiesEnvironmentPostProcessor postProcessor =
			new UnknownPropertiesEnvironmentPostProcessor();

	@Test
	void misspelledCommandLineArgumentFailsNamingItAndTheClosestProperty() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--lockstep.comand=current", "--server.port=0"));
		assertThatExceptionOfType(UnknownPropertyException.class).isThrownBy(() -> postProcess(environment))
			.withMessage("Lockstep has no property 'lockstep.comand' (set in commandLineArgs; did you mean "
					+ "'lockstep.command'?)")
			.satisfies((ex) -> assertThat(ex.getExitCode()).isEqualTo(LockstepException.EXIT_INVALID_CONFIGURATION));
	}

	@Test
	void everyUnknownPropertyIsNamedOnceWhateverItsForm() {
		MockEnvironment environment = new MockEnvironment().withProperty("lockstep.lock.wait-timout", "1m")
			.withProperty("lockstep.lock.waitTimout", "2m")
			.withProperty("lockstep.fast-path.enabeld", "false");
		assertThatExceptionOfType(UnknownPropertyException.class).isThrownBy(() -> postProcess(environment))
			.satisfies((ex) -> assertThat(ex.getProperties())
				.extracting(UnknownProperty::name, UnknownProperty::closest)
				.containsExactlyInAnyOrder(tuple("lockstep.lock.wait-timout", "lockstep.lock.wait-timeout"),
						tuple("lockstep.fast-path.enabeld", "lockstep.fast-path.enabled")))
			.withMessageStartingWith("Lockstep has no properties 'lockstep.")
			.withMessageContaining(" and 'lockstep.");
	}

	@Test
	void knownPropertiesPassInEveryFormSpringBootBinds() {
		MockEnvironment environment = new MockEnvironment().withProperty("lockstep.command", "help")
			.withProperty("lockstep.dryRun", "true")
			.withProperty("lockstep.lock.wait_timeout", "1m")
			.withProperty("lockstep.fastPath.enabled", "false")
			.withProperty("LOCKSTEP.LOCK.NAME", "mine")
			.withProperty("lockstep.validate.on-pending", "report");
		assertThatNoException().isThrownBy(() -> postProcess(environment));
	}

	@Test
	void aMigrationsPropertiesAreCheckedWhateverItsName() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("lockstep.migrations.reporting.data-source", "reportingDataSource")
			.withProperty("lockstep.migrations.reporting.changeLog", "classpath:reporting.yaml")
			.withProperty("lockstep.migrations.reporting.parameters.owner", "alice")
			.withProperty("lockstep.migrations.reporting.contexts[0]", "prod")
			.withProperty("lockstep.migrations.ledger.chnage-log", "classpath:ledger.yaml");
		assertThatExceptionOfType(UnknownPropertyException.class).isThrownBy(() -> postProcess(environment))
			.satisfies((ex) -> assertThat(ex.getProperties())
				.extracting(UnknownProperty::name, UnknownProperty::closest)
				.containsExactly(tuple("lockstep.migrations.ledger.chnage-log", "lockstep.migrations.name.change-log")));
	}

	@Test
	void otherPropertiesKeepSpringBootsLeniency() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.liquibase.nonsense", "x")
			.withProperty("lockstepper.anything", "x")
			.withProperty("myapp.lockstep.anything", "x");
		assertThatNoException().isThrownBy(() -> postProcess(environment));
	}

	@Test
	void environmentVariablesAreNotChecked() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("LOCKSTEP_HOME", "/opt/lockstep", "LOCKSTEP_LOCK_WAITTIMOUT", "1m")));
		assertThatNoException().isThrownBy(() -> postProcess(environment));
	}

	@Test
	void knownPropertiesAreWhatThePropertiesClassBinds() {
		KnownProperties known = KnownProperties.of("lockstep", LockstepProperties.class);
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.lock.connection-check-interval"))).isTrue();
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.lock.postgresql.connection-check-interval")))
			.isTrue();
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.history.limit"))).isTrue();
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.mode"))).isTrue();
		assertThat(known.contains(ConfigurationPropertyName.of("management.endpoint.migrations.access"))).isFalse();
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.lock"))).isFalse();
	}

	@Test
	void namesBelowAMapPropertyAreItsEntries() {
		KnownProperties known = new KnownProperties(
				List.of(new Property(ConfigurationPropertyName.of("lockstep.migrations"), true),
						new Property(ConfigurationPropertyName.of("lockstep.enabled"), false)));
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.migrations.orders.change-log"))).isTrue();
		assertThat(known.contains(ConfigurationPropertyName.of("lockstep.enabled.really"))).isFalse();
		assertThat(known.closestTo(ConfigurationPropertyName.of("lockstep.migration.orders.change-log")))
			.isEqualTo("lockstep.migrations");
	}

	private void postProcess(ConfigurableEnvironment environment) {
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
	}

}

package dev.lockstep.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunModeEnvironmentPostProcessor}.
 */
class RunModeEnvironmentPostProcessorTests {

	private final RunModeEnvironmentPostProcessor postProcessor = new RunModeEnvironmentPostProcessor();

	@ParameterizedTest
	@ValueSource(strings = { "migrate-only", "MIGRATE_ONLY", "MigrateOnly", "migrateonly" })
	void migrateOnlyInAnySpellingSpringBindsStartsNoWebServerAndLazily(String mode) {
		MockEnvironment environment = new MockEnvironment().withProperty("lockstep.mode", mode);
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
		assertThat(environment.getProperty("logging.threshold.console")).isNull();
	}

	@Test
	void commandAlsoKeepsTheConsoleToItsOutput() {
		MockEnvironment environment = new MockEnvironment().withProperty("lockstep.command", "current");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("logging.threshold.console")).isEqualTo("ERROR");
	}

	@Test
	void applicationsOwnSettingsWin() {
		MockEnvironment environment = new MockEnvironment().withProperty("lockstep.mode", "migrate-only")
			.withProperty("spring.main.lazy-initialization", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("false");
	}

	@Test
	void otherModesAreLeftAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("lockstep.mode", "validate");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(RunModeEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

}

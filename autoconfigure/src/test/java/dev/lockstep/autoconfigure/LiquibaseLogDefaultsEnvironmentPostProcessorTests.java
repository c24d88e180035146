package dev.lockstep.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LiquibaseLogDefaultsEnvironmentPostProcessor}.
 */
class LiquibaseLogDefaultsEnvironmentPostProcessorTests {

	private final LiquibaseLogDefaultsEnvironmentPostProcessor postProcessor = new LiquibaseLogDefaultsEnvironmentPostProcessor();

	@Test
	void liquibasesLinePerChangesetDefaultsToWarnings() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.liquibase.changelog")).isEqualTo("warn");
		assertThat(environment.getProperty("logging.level.liquibase.ui")).isEqualTo("warn");
	}

	@Test
	void applicationsOwnLevelWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.level.liquibase.changelog", "info");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level.liquibase.changelog")).isEqualTo("info");
	}

}

package dev.lockstep.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lockstep logs every changeset it applies with its position and the run's total, and
 * again while a long one runs: Liquibase's own line per changeset would double them, so
 * its {@code liquibase.changelog} logger defaults to warnings. Any
 * {@code logging.level.liquibase.changelog} the application sets wins.
 */
class LiquibaseLogDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "lockstepLiquibaseLogDefaults";

	static final String CHANGELOG_LOG_LEVEL = "logging.level.liquibase.changelog";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(CHANGELOG_LOG_LEVEL, "warn")));
	}

}

package dev.lockstep.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lockstep logs every changeset it applies with its position and the run's total, and
 * again while a long one runs, and one summary line per run: Liquibase's own lines per
 * changeset (its {@code liquibase.changelog} logger, and its {@code liquibase.ui} logger,
 * through which Spring Boot shows Liquibase's console output) would double them, so both
 * default to warnings. Any level the application sets for them wins.
 */
class LiquibaseLogDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "lockstepLiquibaseLogDefaults";


	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("logging.level.liquibase.changelog", "warn", "logging.level.liquibase.ui", "warn")));
	}

}

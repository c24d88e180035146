package dev.lockstep.demo;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Stops a start that names no database before anything else happens, saying which
 * setting is missing. The demo has no database of its own: a deployment names one, and
 * for local development {@code TestDemoApplication} (in the test sources) starts an
 * embedded PostgreSQL and passes its URL.
 */
class DatabaseUrlRequired implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String PROPERTY = "spring.datasource.url";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (Boolean.getBoolean("spring.aot.processing")) {
			// Ahead-of-time processing for a native image runs without a database.
			return;
		}
		if (!StringUtils.hasText(event.getEnvironment().getProperty(PROPERTY))) {
			throw new IllegalStateException("No database to connect to: set " + PROPERTY
					+ " (environment variable SPRING_DATASOURCE_URL), with spring.datasource.username and "
					+ "spring.datasource.password. For local development, "
					+ "'./mvnw -pl demo-app spring-boot:test-run' runs the demo with an embedded PostgreSQL.");
		}
	}

}

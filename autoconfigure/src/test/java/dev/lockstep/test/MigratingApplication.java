package dev.lockstep.test;

import dev.lockstep.Throwables;
import dev.lockstep.autoconfigure.LockstepAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smallest application that migrates at startup, for tests that start whole
 * applications (several at once, in one JVM, each with its own connection pool).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
		LiquibaseAutoConfiguration.class })
public class MigratingApplication {

	public static ConfigurableApplicationContext start(ServerDatabase database, String changeLog, String... properties) {
		return start(database, changeLog, (event) -> {
		}, properties);
	}

	/**
	 * Start an application that must fail, and return the failure of the given type found
	 * in the exception chain.
	 */
	public static <T extends Throwable> T failedStart(Class<T> failureType, ServerDatabase database, String changeLog,
			String... properties) {
		try {
			start(database, changeLog, properties).close();
		}
		catch (RuntimeException ex) {
			T failure = Throwables.find(ex, failureType);
			assertThat(failure).as("%s in the failure's causes", failureType.getSimpleName()).isNotNull();
			return failure;
		}
		throw new AssertionError("The application started, but it should have failed with a "
				+ failureType.getSimpleName());
	}

	public static ConfigurableApplicationContext start(ServerDatabase database, String changeLog,
			ApplicationListener<?> listener, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(MigratingApplication.class)
			.web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.listeners(listener)
			.properties(database.datasourceProperties())
			.properties("spring.liquibase.change-log=" + changeLog, "spring.main.banner-mode=off")
			.properties(properties)
			.build();
		// Several of these start at once in one JVM: they share the test's logging set-up
		// rather than each re-initializing the logging system.
		application.setListeners(application.getListeners()
			.stream()
			.filter((candidate) -> !(candidate instanceof LoggingApplicationListener))
			.toList());
		return application.run();
	}

}

package dev.lockstep.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lockstep.autoconfigure.LockstepAutoConfiguration;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup events are published while the context refreshes: an
 * {@link ApplicationListener} bean receives them, an {@link EventListener} method, which
 * Spring registers once every singleton exists, does not.
 */
class StartupEventListenersTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void applicationListenerBeansReceiveTheStartupEventsAndEventListenerMethodsDoNot() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ListeningApplication.class)
			.web(WebApplicationType.NONE)
			.properties(database.datasourceProperties())
			.properties("spring.liquibase.change-log=classpath:db/basic/changelog.yaml", "spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getBean(ListenerBean.class).events).extracting(Object::getClass)
				.containsExactly(MigrationStartedEvent.class, MigrationLockAcquiredEvent.class,
						MigrationLockReleasedEvent.class, MigrationsAppliedEvent.class);
			MethodListener methodListener = context.getBean(MethodListener.class);
			assertThat(methodListener.ready).as("the method listener works for later events").isTrue();
			assertThat(methodListener.events).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
			LiquibaseAutoConfiguration.class })
	static class ListeningApplication {

		@Bean
		ListenerBean listenerBean() {
			return new ListenerBean();
		}

		@Bean
		MethodListener methodListener() {
			return new MethodListener();
		}

	}

	static class ListenerBean implements ApplicationListener<LockstepEvent> {

		final List<LockstepEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(LockstepEvent event) {
			this.events.add(event);
		}

	}

	static class MethodListener {

		final List<LockstepEvent> events = new CopyOnWriteArrayList<>();

		volatile boolean ready;

		@EventListener
		void onLockstepEvent(LockstepEvent event) {
			this.events.add(event);
		}

		@EventListener
		void onReady(ApplicationReadyEvent event) {
			this.ready = true;
		}

	}

}

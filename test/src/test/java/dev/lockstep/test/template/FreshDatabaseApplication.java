package dev.lockstep.test.template;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.event.StartupMigrationResult;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * An application with Lockstep that remembers what its startup migration did.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class FreshDatabaseApplication {

	@Bean
	StartupResults startupResults() {
		return new StartupResults();
	}

	static final class StartupResults implements ApplicationListener<MigrationsAppliedEvent> {

		private final List<StartupMigrationResult> results = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(MigrationsAppliedEvent event) {
			this.results.add(event.getResult());
		}

		List<StartupMigrationResult> results() {
			return this.results;
		}

	}

}

package dev.lockstep.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.lockstep.autoconfigure.LockstepProperties.CommandOutput;
import dev.lockstep.command.JsonReport;
import dev.lockstep.command.RunModeRunner;
import dev.lockstep.engine.HistoryQuery;
import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationObservation;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Migrators;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.revision.SchemaRevisions;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the operations engine ({@link Migrator}) over the changelog and
 * database that Lockstep migrates at startup, and of the runs that use it and exit:
 * {@code lockstep.mode=migrate-only} and {@code lockstep.command}.
 */
@AutoConfiguration(after = LockstepAutoConfiguration.class)
@ConditionalOnBean(LockstepMigration.class)
public final class LockstepMigratorAutoConfiguration {

	/**
	 * Lazy: only the endpoint, the health indicator, the metrics and the run modes use it,
	 * and a plain start should not pay for it.
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	Migrator lockstepMigrator(LockstepMigration migration, ResourceLoader resourceLoader,
			LockedLiquibaseRunner runner, ObjectProvider<ObservationRegistry> observationRegistry) {
		return migrator(migration, resourceLoader, runner, observationRegistry);
	}

	/**
	 * The engine of every migration by name: the default one's, then one for each
	 * migration of {@code lockstep.migrations.*}. Lazy, as the default one's is.
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	Migrators lockstepMigrators(Migrator migrator, ObjectProvider<DeclaredMigrations> declared,
			ResourceLoader resourceLoader, LockedLiquibaseRunner runner,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		Map<String, Migrator> migrators = new LinkedHashMap<>();
		migrators.put(Migrators.DEFAULT, migrator);
		declared.ifAvailable((migrations) -> migrations.fastPaths()
			.forEach((fastPath) -> migrators.put(fastPath.migration().name(),
					migrator(fastPath.migration(), resourceLoader, runner, observationRegistry))));
		return new Migrators(migrators);
	}

	private static Migrator migrator(LockstepMigration migration, ResourceLoader resourceLoader,
			LockedLiquibaseRunner runner, ObjectProvider<ObservationRegistry> observationRegistry) {
		return new Migrator(migration.dataSource(), resourceLoader, migration.settings(), runner)
			.observedBy(new MigrationObservation(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
					migration.name()));
	}

	@Bean
	@Conditional(ExitsWhenDoneCondition.class)
	RunModeRunner lockstepRunModeRunner(Migrators migrators, ConfigurableApplicationContext context,
			LockstepProperties properties, ObjectProvider<JsonReport> jsonReport, ObjectProvider<MigrationLint> lint,
			ObjectProvider<SchemaRevisions> revisions) {
		JsonReport json = null;
		if (properties.getOutput() == CommandOutput.JSON) {
			json = jsonReport.getIfAvailable();
			if (json == null) {
				throw new IllegalStateException(
						"lockstep.output=json needs Jackson (tools.jackson.core:jackson-databind) on the classpath");
			}
		}
		LockstepProperties.History history = properties.getHistory();
		RunModeRunner runner = new RunModeRunner(migrators, properties.getMigration(), context, properties.getCommand(),
				properties.getTarget(),
				properties.isDryRun(), HistoryQuery.of(history.getLimit(), history.getOffset(), history.getOrder(), true),
				json, properties.getMode().propertyValue(), System.out, System.err);
		lint.ifAvailable(runner::setLint);
		revisions.ifAvailable(runner::setRevisions);
		return runner;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonReportConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JsonReport lockstepJsonReport(ObjectProvider<JsonMapper> jsonMapper) {
			return new JsonReport(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		}

	}

	static class ExitsWhenDoneCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return RunModeEnvironmentPostProcessor.exitsWhenDone(context.getEnvironment())
					? ConditionOutcome.match("lockstep.command is set or lockstep.mode is migrate-only")
					: ConditionOutcome.noMatch("the application keeps running after its start");
		}

	}

}

package dev.lockstep.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lockstep.actuate.MigrationActivities;
import dev.lockstep.actuate.MigrationActivity;
import dev.lockstep.actuate.MigrationActivityListener;
import dev.lockstep.actuate.MigrationHistoryCache;
import dev.lockstep.actuate.MigrationMetrics;
import dev.lockstep.actuate.MigrationsEndpoint;
import dev.lockstep.actuate.MigrationsEndpointWebExtension;
import dev.lockstep.actuate.MigrationsHealthIndicator;
import dev.lockstep.actuate.MonitoredMigration;
import dev.lockstep.actuate.MonitoredMigrations;
import dev.lockstep.actuate.PendingChangesets;
import dev.lockstep.actuate.SpringLiquibaseView;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Migrators;
import dev.lockstep.fastpath.FastPath;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.startup.LockstepMode;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.liquibase.actuate.endpoint.LiquibaseEndpoint;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@code migrations} actuator endpoint, the {@code migrations}
 * health indicator and the migration metrics; and what Spring Boot's {@code liquibase}
 * endpoint needs to report Lockstep's migration.
 */
@AutoConfiguration(after = LockstepMigratorAutoConfiguration.class,
		beforeName = "org.springframework.boot.liquibase.autoconfigure.LiquibaseEndpointAutoConfiguration")
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(Migrator.class)
public final class LockstepActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static MigrationActivity lockstepMigrationActivity() {
		return new MigrationActivity();
	}

	@Bean
	@ConditionalOnMissingBean
	static MigrationActivities lockstepMigrationActivities(MigrationActivity activity, Environment environment) {
		return new MigrationActivities(activity, DeclaredMigrations.names(environment));
	}

	@Bean
	static MigrationActivityListener lockstepMigrationActivityListener(MigrationActivities activities) {
		return new MigrationActivityListener(activities);
	}

	/**
	 * Every migration as the endpoint, health and metrics see it: the default one, then
	 * those of {@code lockstep.migrations.*}, each with its own history cache on its own
	 * fast path.
	 */
	@Bean
	@ConditionalOnMissingBean
	MonitoredMigrations lockstepMonitoredMigrations(Migrators migrators, MigrationHistoryCache history,
			PendingChangesets pendingChangesets, MigrationActivities activities,
			ObjectProvider<DeclaredMigrations> declared) {
		List<MonitoredMigration> migrations = new ArrayList<>();
		migrations.add(new MonitoredMigration(Migrators.DEFAULT, migrators.named(Migrators.DEFAULT).orElseThrow(),
				history, pendingChangesets, activities.of(Migrators.DEFAULT)));
		declared.ifAvailable((declaredMigrations) -> declaredMigrations.fastPaths().forEach((fastPath) -> {
			String name = fastPath.migration().name();
			Migrator migrator = migrators.named(name).orElseThrow();
			MigrationHistoryCache cache = new MigrationHistoryCache(migrator, fastPath::fingerprint);
			migrations.add(new MonitoredMigration(name, migrator, cache,
					new PendingChangesets(cache, fastPath::checkUpToDate), activities.of(name)));
		}));
		return new MonitoredMigrations(migrations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	MigrationsEndpoint migrationsEndpoint(MonitoredMigrations migrations, LockstepProperties properties,
			ApplicationEventPublisher eventPublisher) {
		LockWaitPolicy requestWait = new LockWaitPolicy(properties.getEndpoint().getLockWaitTimeout(),
				properties.getLock().getPollInterval(), properties.getLock().getProgressInterval());
		return new MigrationsEndpoint(migrations.all()
			.stream()
			.map((migration) -> migration
				.withMigrator((migrator) -> migrator.withWaitPolicy(requestWait, recordWaits(migration.activity()))))
			.toList(), properties.getMode().propertyValue(), eventPublisher);
	}

	private static LockListener recordWaits(MigrationActivity activity) {
		return new LockListener() {

			@Override
			public void acquired(LockGrant grant) {
				activity.recordLockWait(grant.waited());
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(endpoint = MigrationsEndpoint.class, exposure = EndpointExposure.WEB)
	MigrationsEndpointWebExtension migrationsEndpointWebExtension(MigrationsEndpoint endpoint) {
		return new MigrationsEndpointWebExtension(endpoint);
	}

	@Bean
	@ConditionalOnMissingBean
	PendingChangesets lockstepPendingChangesets(MigrationHistoryCache history, Migrator migrator,
			ObjectProvider<FastPath> fastPaths) {
		FastPath fastPath = fastPathOf(migrator, fastPaths);
		return new PendingChangesets(history, (fastPath != null) ? fastPath::checkUpToDate : () -> null);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationHistoryCache lockstepMigrationHistoryCache(Migrator migrator, ObjectProvider<FastPath> fastPaths) {
		FastPath fastPath = fastPathOf(migrator, fastPaths);
		return new MigrationHistoryCache(migrator, (fastPath != null) ? fastPath::fingerprint : () -> null);
	}

	/**
	 * The startup fast path answers only for the migration it checks: a {@link Migrator}
	 * of the application's own, over another changelog or database, always reads.
	 */
	private static @Nullable FastPath fastPathOf(Migrator migrator, ObjectProvider<FastPath> fastPaths) {
		FastPath fastPath = fastPaths.getIfUnique();
		return (fastPath != null && fastPath.migration().isOf(migrator.getDataSource(), migrator.getMigrationSettings()))
				? fastPath : null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("migrations")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
		@Conditional(DeclaredMigrations.NoneDeclared.class)
		MigrationsHealthIndicator migrationsHealthIndicator(PendingChangesets pendingChangesets,
				MigrationActivity activity, LockstepProperties properties) {
			return new MigrationsHealthIndicator(pendingChangesets, activity,
					properties.getMode() == LockstepMode.VALIDATE);
		}

		/**
		 * With several migrations, one indicator each under {@code migrations}, as Spring
		 * Boot's {@code db} indicator has one for each DataSource.
		 */
		@Bean(name = "migrationsHealthIndicator")
		@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
		@Conditional(DeclaredMigrations.Declared.class)
		CompositeHealthContributor migrationsHealthContributor(MonitoredMigrations migrations,
				LockstepProperties properties) {
			Map<String, MonitoredMigration> byName = new LinkedHashMap<>();
			migrations.all().forEach((migration) -> byName.put(migration.name(), migration));
			return CompositeHealthContributor.fromMap(byName,
					(migration) -> new MigrationsHealthIndicator(migration.pending(), migration.activity(),
							properties.getMode() == LockstepMode.VALIDATE));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationMetrics lockstepMigrationMetrics(MonitoredMigrations migrations) {
			return new MigrationMetrics(migrations.all());
		}

	}

	/**
	 * Only when the {@code liquibase} endpoint is exposed: a {@code SpringLiquibase}, even
	 * one that never runs, starts Liquibase when it is created.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LiquibaseEndpoint.class)
	@ConditionalOnBean(LockstepMigration.class)
	@ConditionalOnAvailableEndpoint(LiquibaseEndpoint.class)
	static class LiquibaseEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringLiquibaseView lockstepLiquibase(LockstepMigration migration) {
			return new SpringLiquibaseView(migration.dataSource(), migration.settings());
		}

	}

}

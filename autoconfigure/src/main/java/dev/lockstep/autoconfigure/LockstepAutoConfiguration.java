package dev.lockstep.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.lockstep.engine.LockRetryPolicy;
import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationObservation;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrators;
import dev.lockstep.engine.SessionTuning;
import dev.lockstep.fastpath.FastPath;
import dev.lockstep.fastpath.FastPathDialect;
import dev.lockstep.lease.LeaseLockProvider;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.MigrationLockProvider;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.mariadb.MariaDbFastPathDialect;
import dev.lockstep.mariadb.MariaDbLockProvider;
import dev.lockstep.postgres.PostgresFastPathDialect;
import dev.lockstep.postgres.PostgresLockProvider;
import dev.lockstep.postgres.PostgresLockTimeout;
import dev.lockstep.postgres.PostgresSearchPath;
import dev.lockstep.postgres.lint.PostgresLintDialect;
import dev.lockstep.startup.LockstepMode;
import dev.lockstep.startup.LockstepStartupMigration;
import dev.lockstep.startup.StartupMigrations;
import io.micrometer.observation.ObservationRegistry;
import liquibase.Liquibase;
import liquibase.change.DatabaseChange;
import liquibase.integration.spring.Customizer;
import liquibase.integration.spring.SpringLiquibase;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseDataSource;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration that brings the schema up to date at startup under Lockstep's
 * migration lock, from the same {@code spring.liquibase.*} properties as Spring Boot's
 * {@link LiquibaseAutoConfiguration}, which Lockstep's import filter leaves out.
 */
@AutoConfiguration(before = LiquibaseAutoConfiguration.class, after = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ SpringLiquibase.class, DatabaseChange.class, LiquibaseAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "spring.liquibase.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "lockstep.enabled", matchIfMissing = true)
@Conditional(LockstepAutoConfiguration.MigrationDataSourceCondition.class)
@EnableConfigurationProperties({ LiquibaseProperties.class, LockstepProperties.class })
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(LockstepRuntimeHints.class)
public final class LockstepAutoConfiguration {

	/**
	 * The name of the migration of {@code spring.liquibase.*}.
	 */
	static final String DEFAULT_MIGRATION = Migrators.DEFAULT;

	@Bean
	@ConditionalOnMissingBean(LiquibaseConnectionDetails.class)
	PropertiesLiquibaseConnectionDetails liquibaseConnectionDetails(LiquibaseProperties properties) {
		return new PropertiesLiquibaseConnectionDetails(properties);
	}

	/**
	 * Migrate-only and command mode start lazily (see RunModeEnvironmentPostProcessor):
	 * the migration must still run.
	 */
	@Bean
	static LazyInitializationExcludeFilter lockstepLazyInitializationExcludeFilter() {
		return LazyInitializationExcludeFilter.forBeanTypes(LockstepStartupMigration.class, StartupMigrations.class);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationLocks lockstepMigrationLocks(ObjectProvider<MigrationLockProvider> providers,
			LockstepProperties properties) {
		return new MigrationLocks(LockSettings.providers(properties, providers.orderedStream().toList()));
	}

	/**
	 * The lease, for databases without a lock of their own that Lockstep supports.
	 */
	@Bean
	@ConditionalOnMissingBean
	LeaseLockProvider lockstepLeaseLockProvider(ObjectProvider<DataSource> dataSource,
			@LiquibaseDataSource ObjectProvider<DataSource> liquibaseDataSource,
			LiquibaseConnectionDetails connectionDetails, LockstepProperties properties) {
		return new LeaseLockProvider(
				migrationDataSource(liquibaseDataSource.getIfAvailable(), dataSource.getIfUnique(), connectionDetails),
				properties.getLock().getLease().getDuration());
	}

	@Bean
	@ConditionalOnMissingBean
	LockedLiquibaseRunner lockstepLiquibaseRunner(MigrationLocks locks, ObjectProvider<SessionTuning> tunings,
			LockstepProperties properties, Environment environment) {
		LockstepProperties.Ddl ddl = properties.getDdl();
		return new LockedLiquibaseRunner(locks, tunings.orderedStream().toList(), LockSettings.waitPolicy(properties),
				LockSettings.sessionSettings(properties, environment), LockListener.NONE)
			.withLockRetries(new LockRetryPolicy(ddl.getLockRetries(), ddl.getLockRetryPause()));
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationLint lockstepMigrationLint(ObjectProvider<LintDialect> dialects, LockstepProperties properties) {
		return new MigrationLint(dialects.orderedStream().toList(), properties.getLint().getSkip(),
				!properties.getDdl().getLockTimeout().isZero());
	}

	/**
	 * The migration of {@code spring.liquibase.*}: the database and what goes into it.
	 */
	@Bean
	@ConditionalOnMissingBean({ SpringLiquibase.class, LockstepMigration.class })
	LockstepMigration lockstepMigration(ObjectProvider<DataSource> dataSource,
			@LiquibaseDataSource ObjectProvider<DataSource> liquibaseDataSource,
			LiquibaseConnectionDetails connectionDetails, ObjectProvider<JdbcConnectionDetails> jdbcConnectionDetails,
			LiquibaseProperties liquibaseProperties, LockstepProperties properties) {
		return new LockstepMigration(DEFAULT_MIGRATION,
				migrationDataSource(liquibaseDataSource.getIfAvailable(), dataSource.getIfUnique(), connectionDetails),
				LiquibasePropertiesMapper.migrationSettings(liquibaseProperties, properties.getLock().getName()),
				DatabaseDescription.of(migrationUrl(liquibaseDataSource.getIfAvailable(), connectionDetails,
						jdbcConnectionDetails.getIfAvailable())));
	}

	/**
	 * A customizer can change anything, drop-first drops the schema at every start, and a
	 * tag stops each run at that tag, leaving the changesets after it pending on purpose:
	 * the fast path can see none of them.
	 */
	@Bean
	@ConditionalOnMissingBean({ SpringLiquibase.class, FastPath.class })
	FastPath lockstepFastPath(LockstepMigration migration, ObjectProvider<FastPathDialect> dialects,
			LiquibaseProperties liquibaseProperties, LockstepProperties properties,
			ObjectProvider<Customizer<Liquibase>> customizer, ResourceLoader resourceLoader) {
		return new FastPath(migration, resourceLoader, dialects.orderedStream().toList(),
				properties.getFastPath().isEnabled() && customizer.getIfAvailable() == null
						&& !liquibaseProperties.isDropFirst() && !StringUtils.hasText(liquibaseProperties.getTag()));
	}

	/**
	 * Named {@code liquibase}, as Spring Boot's own bean is, so that
	 * {@code @DependsOn("liquibase")} keeps working.
	 */
	@Bean
	@ConditionalOnMissingBean({ SpringLiquibase.class, LockstepStartupMigration.class })
	LockstepStartupMigration liquibase(FastPath fastPath, LiquibaseProperties liquibaseProperties,
			LockstepProperties properties, ObjectProvider<Customizer<Liquibase>> customizer,
			ObjectProvider<ObservationRegistry> observationRegistry, LockedLiquibaseRunner runner,
			ResourceLoader resourceLoader, MigrationLint lint) {
		Customizer<Liquibase> liquibaseCustomizer = customizer.getIfAvailable();
		MigrationSettings settings = fastPath.migration().settings();
		LockstepStartupMigration migration = new LockstepStartupMigration(fastPath, resourceLoader, (liquibase) -> {
			LiquibasePropertiesMapper.apply(settings, liquibaseProperties, liquibase);
			liquibase.setCustomizer(liquibaseCustomizer);
		}, runner);
		return configure(migration, properties, !properties.getMigrations().isEmpty(), lint, observationRegistry);
	}

	/**
	 * Apply what every startup migration shares: the mode (off when a command runs instead),
	 * what to do with pending changesets, the lint and the observation.
	 */
	private static LockstepStartupMigration configure(LockstepStartupMigration migration,
			LockstepProperties properties, boolean namedInFailures, MigrationLint lint,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		migration.setMode((properties.getCommand() != null) ? LockstepMode.OFF : properties.getMode());
		migration.setOnPending(properties.getValidate().getOnPending());
		migration.setNamedInFailures(namedInFailures);
		migration.setLint(lint, properties.getLint().getOnStartup());
		observationRegistry.ifAvailable((registry) -> migration
			.setObservation(new MigrationObservation(registry, migration.migrationName())));
		return migration;
	}

	/**
	 * The migrations of {@code lockstep.migrations.*}, each with a fast path of its own.
	 * Customizers, drop-first and a tag are {@code spring.liquibase.*}'s alone.
	 */
	@Bean
	@Conditional(DeclaredMigrations.Declared.class)
	DeclaredMigrations lockstepDeclaredMigrations(LockstepProperties properties, BeanFactory beanFactory,
			ObjectProvider<FastPathDialect> dialects, ResourceLoader resourceLoader) {
		List<FastPathDialect> fastPathDialects = dialects.orderedStream().toList();
		return new DeclaredMigrations(DeclaredMigrations.migrations(properties.getMigrations(), beanFactory)
			.stream()
			.map((migration) -> new FastPath(migration, resourceLoader, fastPathDialects,
					properties.getFastPath().isEnabled()))
			.toList());
	}

	/**
	 * Runs the declared migrations after the default one, in the order of their names.
	 */
	@Bean
	@Conditional(DeclaredMigrations.Declared.class)
	StartupMigrations lockstepDeclaredStartupMigrations(LockstepStartupMigration liquibase,
			DeclaredMigrations declared, LockstepProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry, LockedLiquibaseRunner runner,
			ResourceLoader resourceLoader, MigrationLint lint) {
		return new StartupMigrations(declared.fastPaths()
			.stream()
			.map((fastPath) -> configure(new LockstepStartupMigration(fastPath, resourceLoader,
					fastPath.migration().settings()::applyTo, runner), properties, true, lint, observationRegistry))
			.toList());
	}

	@Bean
	@ConditionalOnMissingBean(name = "lockstepSchemaManagementProvider")
	LockstepSchemaManagementProvider lockstepSchemaManagementProvider(
			ObjectProvider<LockstepMigration> migrations, ObjectProvider<DeclaredMigrations> declared) {
		return new LockstepSchemaManagementProvider(migrations, declared);
	}

	private static DataSource migrationDataSource(@Nullable DataSource liquibaseDataSource,
			@Nullable DataSource dataSource, LiquibaseConnectionDetails connectionDetails) {
		if (liquibaseDataSource != null) {
			return liquibaseDataSource;
		}
		String url = connectionDetails.getJdbcUrl();
		if (url != null) {
			return withCredentials(DataSourceBuilder.create().type(SimpleDriverDataSource.class).url(url),
					connectionDetails);
		}
		if (connectionDetails.getUsername() != null && dataSource != null) {
			return withCredentials(DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class),
					connectionDetails);
		}
		Assert.state(dataSource != null, "Liquibase migration DataSource missing");
		return dataSource;
	}

	private static DataSource withCredentials(DataSourceBuilder<?> builder,
			LiquibaseConnectionDetails connectionDetails) {
		builder.username(connectionDetails.getUsername());
		builder.password(connectionDetails.getPassword());
		String driverClassName = connectionDetails.getDriverClassName();
		if (StringUtils.hasText(driverClassName)) {
			builder.driverClassName(driverClassName);
		}
		return builder.build();
	}

	private static @Nullable String migrationUrl(@Nullable DataSource liquibaseDataSource,
			LiquibaseConnectionDetails connectionDetails, @Nullable JdbcConnectionDetails jdbcConnectionDetails) {
		if (liquibaseDataSource != null) {
			return null;
		}
		if (connectionDetails.getJdbcUrl() != null) {
			return connectionDetails.getJdbcUrl();
		}
		return (jdbcConnectionDetails != null) ? jdbcConnectionDetails.getJdbcUrl() : null;
	}

	/**
	 * PostgreSQL's part: its advisory lock, its search path and lock timeout for the run,
	 * the fast path's SQL, and the lint's rules.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.postgresql.PGConnection")
	static class PostgresConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PostgresLockProvider lockstepPostgresLockProvider(LockstepProperties properties,
				ObjectProvider<DataSource> dataSource,
				@LiquibaseDataSource ObjectProvider<DataSource> liquibaseDataSource,
				LiquibaseConnectionDetails connectionDetails) {
			return new PostgresLockProvider(properties.getLock().getPostgresql().getConnectionCheckInterval(),
					migrationDataSource(liquibaseDataSource.getIfAvailable(), dataSource.getIfUnique(),
							connectionDetails));
		}

		@Bean
		@ConditionalOnMissingBean
		PostgresSearchPath lockstepPostgresSearchPath() {
			return new PostgresSearchPath();
		}

		@Bean
		@ConditionalOnMissingBean
		PostgresFastPathDialect lockstepPostgresFastPathDialect() {
			return new PostgresFastPathDialect();
		}

		@Bean
		@ConditionalOnMissingBean
		PostgresLockTimeout lockstepPostgresLockTimeout(LockstepProperties properties) {
			return new PostgresLockTimeout(properties.getDdl().getLockTimeout());
		}

		@Bean
		@ConditionalOnMissingBean
		PostgresLintDialect lockstepPostgresLintDialect() {
			return new PostgresLintDialect();
		}

	}

	/**
	 * MariaDB's and MySQL's part: their user lock and the fast path's SQL.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(MariaDbConfiguration.DriverCondition.class)
	static class MariaDbConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MariaDbLockProvider lockstepMariaDbLockProvider() {
			return new MariaDbLockProvider();
		}

		@Bean
		@ConditionalOnMissingBean
		MariaDbFastPathDialect lockstepMariaDbFastPathDialect() {
			return new MariaDbFastPathDialect();
		}

		/**
		 * Matches when MariaDB's or MySQL's JDBC driver is on the class path.
		 */
		static final class DriverCondition extends AnyNestedCondition {

			DriverCondition() {
				super(ConfigurationPhase.REGISTER_BEAN);
			}

			@ConditionalOnClass(name = "org.mariadb.jdbc.Connection")
			private static final class MariaDbDriver {

			}

			@ConditionalOnClass(name = "com.mysql.cj.jdbc.JdbcConnection")
			private static final class MySqlDriver {

			}

		}

	}

	/**
	 * Matches when there is a database to migrate: a DataSource, JDBC connection details,
	 * or a Liquibase URL of its own.
	 */
	static final class MigrationDataSourceCondition extends AnyNestedCondition {

		MigrationDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnBean(JdbcConnectionDetails.class)
		private static final class JdbcConnectionDetailsCondition {

		}

		@ConditionalOnProperty("spring.liquibase.url")
		private static final class LiquibaseUrlCondition {

		}

	}

}

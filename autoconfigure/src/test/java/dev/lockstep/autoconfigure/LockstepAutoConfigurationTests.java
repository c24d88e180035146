package dev.lockstep.autoconfigure;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.actuate.PendingChangesets;
import dev.lockstep.actuate.SpringLiquibaseView;
import dev.lockstep.engine.ChangeSetState;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.MigrationStatus;
import dev.lockstep.engine.Migrator;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.postgres.PostgresFastPathDialect;
import dev.lockstep.postgres.PostgresLockProvider;
import dev.lockstep.postgres.PostgresSearchPath;
import dev.lockstep.startup.LockstepStartupMigration;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import liquibase.Liquibase;
import liquibase.integration.spring.Customizer;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.actuate.endpoint.LiquibaseEndpoint;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseEndpointAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link LockstepAutoConfiguration}: conditions, back-off, and every
 * {@code spring.liquibase.*} setting honoured against a real PostgreSQL.
 */
class LockstepAutoConfigurationTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
				LockstepMigratorAutoConfiguration.class))
		.withPropertyValues(database.datasourceProperties())
		.withPropertyValues("spring.liquibase.change-log=classpath:db/basic/changelog.yaml");

	@Test
	void migratesWithABeanNamedLiquibaseThatIsNotASpringLiquibase() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean("liquibase").isInstanceOf(LockstepStartupMigration.class);
			assertThat(context).doesNotHaveBean(SpringLiquibase.class);
			assertThat(database.columns("public", "person")).containsExactly("id", "name", "email", "phone");
		});
	}

	@Test
	void postgresqlPartsAreBeansAndTheRunnerLocksWithThem() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PostgresLockProvider.class)
				.hasSingleBean(PostgresSearchPath.class)
				.hasSingleBean(PostgresFastPathDialect.class);
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(context.getBean(MigrationLocks.class).providerFor(connection))
					.isSameAs(context.getBean(PostgresLockProvider.class));
			}
		});
	}

	@Test
	void operationsOfTheMigratorCommandsUseAreObserved() {
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			context.getBean(Migrator.class).stamp("head", true);
			assertThat(observed).extracting(Observation.Context::getName)
				.containsExactly("lockstep.migration", "lockstep.migration");
			assertThat(observed.get(1).getLowCardinalityKeyValues()).extracting(KeyValue::getKey, KeyValue::getValue)
				.contains(tuple("operation", "stamp"), tuple("dry-run", "true"), tuple("outcome", "success"),
						tuple("migration", "default"));
		});
	}

	@Test
	void deprecatedConnectionCheckIntervalKeyStillSetsPostgresqlsInterval() {
		this.contextRunner.withPropertyValues("lockstep.lock.connection-check-interval=5s")
			.run((context) -> assertThat(context.getBean(LockstepProperties.class).getLock().getPostgresql()
				.getConnectionCheckInterval()).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void tellsHibernateThatTheSchemaIsManaged() {
		this.contextRunner.run((context) -> {
			SchemaManagementProvider provider = context.getBean(SchemaManagementProvider.class);
			assertThat(provider.getSchemaManagement(context.getBean(DataSource.class)))
				.isEqualTo(SchemaManagement.MANAGED);
			assertThat(provider.getSchemaManagement(new SimpleDriverDataSource()))
				.isEqualTo(SchemaManagement.UNMANAGED);
		});
	}

	@Test
	void providesTheOperationsEngineOverTheSameChangelog() {
		this.contextRunner.withPropertyValues("spring.liquibase.contexts=other").run((context) -> {
			Migrator migrator = context.getBean(Migrator.class);
			MigrationStatus status = migrator.status();
			assertThat(status.upToDate()).isTrue();
			assertThat(status.current().revision().fullName()).isEqualTo("db/basic/extras.yaml::add-phone::lockstep");
			assertThat(migrator.history().entries()).filteredOn((entry) -> entry.state() == ChangeSetState.FILTERED)
				.extracting((entry) -> entry.revision().id())
				.containsExactly("add-email");
		});
	}

	@Test
	void pendingChangesetsOfTheStartupMigrationComeFromTheFastPathUntilSomethingChanges() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(LockstepActuatorAutoConfiguration.class))
			.run((context) -> {
				PendingChangesets pendingChangesets = context.getBean(PendingChangesets.class);
				PendingChangesets.Summary upToDate = pendingChangesets.read();
				assertThat(upToDate.pendingCount()).isZero();
				assertThat(upToDate.current().revision().fullName())
					.isEqualTo("db/basic/extras.yaml::add-phone::lockstep");
				database.jdbc().update("DELETE FROM databasechangelog WHERE id = 'add-phone'");
				assertThat(pendingChangesets.read().pendingCount()).isOne();
			});
	}

	@Test
	void pendingChangesetsOfAnOwnMigratorOverAnotherChangelogAreRead() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(LockstepActuatorAutoConfiguration.class))
			.withUserConfiguration(OwnMigratorConfiguration.class)
			.run((context) -> assertThat(context.getBean(PendingChangesets.class).read().pendingCount())
				.as("the ops changelog is not applied, though the startup changelog is")
				.isEqualTo(14));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnSpringLiquibase() {
		this.contextRunner.withUserConfiguration(OwnLiquibaseConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(Migrator.class);
			assertThat(context).hasSingleBean(SpringLiquibase.class).doesNotHaveBean(LockstepStartupMigration.class);
			assertThat(database.columns("public", "person")).isEmpty();
		});
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LockstepAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LockstepStartupMigration.class));
	}

	@Test
	void liquibaseEnabledFalseRunsNothing() {
		this.contextRunner.withPropertyValues("spring.liquibase.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LockstepStartupMigration.class);
			assertThat(database.columns("public", "person")).isEmpty();
		});
	}

	@Test
	void lockstepEnabledFalseLeavesSpringBootsOwnLiquibase() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
			.withPropertyValues("lockstep.enabled=false")
			.run((context) -> {
			assertThat(context).hasSingleBean(SpringLiquibase.class).doesNotHaveBean(LockstepStartupMigration.class);
			assertThat(database.columns("public", "person")).containsExactly("id", "name", "email", "phone");
		});
	}

	@Test
	void contextsAreHonoured() {
		this.contextRunner.withPropertyValues("spring.liquibase.contexts=other,unrelated").run((context) -> {
			assertThat(context.getBean(LockstepMigration.class).settings().contexts())
				.isEqualTo("other,unrelated");
			assertThat(database.columns("public", "person")).containsExactly("id", "name", "phone");
		});
	}

	@Test
	void labelFilterIsHonoured() {
		this.contextRunner.withPropertyValues("spring.liquibase.label-filter=!phone").run((context) -> {
			assertThat(context.getBean(LockstepMigration.class).settings().labelFilter())
				.isEqualTo("!phone");
			assertThat(database.columns("public", "person")).containsExactly("id", "name", "email");
		});
	}

	@Test
	void parametersAreHonoured() {
		this.contextRunner.withPropertyValues("spring.liquibase.parameters.owner=Ada").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(database.jdbc().queryForObject("SELECT name FROM person WHERE id = 1", String.class))
				.isEqualTo("Ada");
		});
	}

	@Test
	void defaultSchemaIsHonoured() {
		database.jdbc().execute("CREATE SCHEMA app");
		this.contextRunner.withPropertyValues("spring.liquibase.default-schema=app").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(database.columns("app", "person")).containsExactly("id", "name", "email", "phone");
			assertThat(database.columns("app", "databasechangelog")).isNotEmpty();
			assertThat(database.columns("public", "person")).isEmpty();
		});
	}

	@Test
	void liquibaseSchemaAndTableNamesAreHonoured() {
		database.jdbc().execute("CREATE SCHEMA meta");
		this.contextRunner
			.withPropertyValues("spring.liquibase.liquibase-schema=meta",
					"spring.liquibase.database-change-log-table=schema_history",
					"spring.liquibase.database-change-log-lock-table=schema_history_lock")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(database.columns("public", "person")).isNotEmpty();
				assertThat(database.jdbc().queryForObject("SELECT count(*) FROM meta.schema_history", Integer.class))
					.isEqualTo(4);
				assertThat(database.columns("meta", "schema_history_lock")).isNotEmpty();
				assertThat(database.columns("public", "databasechangelog")).isEmpty();
			});
	}

	@Test
	void separateLiquibaseUrlUserAndPasswordAreUsed() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/never-connected",
					"spring.liquibase.url=" + database.url(), "spring.liquibase.user=" + database.username(),
					"spring.liquibase.password=" + database.password())
			.run((context) -> {
				DataSource dataSource = context.getBean(LockstepMigration.class).dataSource();
				assertThat(dataSource).isInstanceOf(SimpleDriverDataSource.class);
				assertThat(((SimpleDriverDataSource) dataSource).getUrl()).isEqualTo(database.url());
				assertThat(database.columns("public", "person")).isNotEmpty();
			});
	}

	@Test
	void databaseInitializationDependentBeansWaitForMigrations() {
		this.contextRunner.withUserConfiguration(PersonCountConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PersonCount.class).count()).isOne();
		});
	}

	@Test
	void liquibaseCustomizerIsApplied() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(database.jdbc().queryForObject("SELECT name FROM person WHERE id = 1", String.class))
				.isEqualTo("customized");
		});
	}

	@Test
	void springBootsLiquibaseEndpointReportsTheMigrations() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(LockstepActuatorAutoConfiguration.class,
					LiquibaseEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=liquibase")
			.run((context) -> {
				Map<String, LiquibaseEndpoint.ContextLiquibaseBeansDescriptor> contexts = context
					.getBean(LiquibaseEndpoint.class)
					.liquibaseBeans()
					.getContexts();
				assertThat(contexts.values().iterator().next().getLiquibaseBeans().get("lockstepLiquibase").getChangeSets())
					.extracting(LiquibaseEndpoint.ChangeSetDescriptor::getId)
					.containsExactly("create-person", "insert-owner", "add-email", "add-phone");
			});
	}

	@Test
	void startsLiquibaseForSpringBootsEndpointOnlyWhenTheEndpointIsExposed() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(LockstepActuatorAutoConfiguration.class,
					LiquibaseEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SpringLiquibaseView.class)
				.doesNotHaveBean(LiquibaseEndpoint.class));
	}

	@Test
	void commandWithoutLockstepManagingLiquibaseIsRefusedRatherThanDoingNothing() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(LockstepRunModeAutoConfiguration.class))
			.withPropertyValues("spring.liquibase.enabled=false", "lockstep.command=upgrade")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(Migrator.class);
				ApplicationRunner runner = context.getBean("lockstepNothingToRun", ApplicationRunner.class);
				assertThatExceptionOfType(OperationRefusedException.class)
					.isThrownBy(() -> runner.run(new DefaultApplicationArguments()))
					.withMessageContaining("Lockstep does not manage Liquibase here");
			});
	}

	@Test
	void lockSettingsAreBound() {
		this.contextRunner
			.withPropertyValues("lockstep.lock.wait-timeout=45s", "lockstep.lock.name=custom",
					"lockstep.lock.poll-interval=100ms")
			.run((context) -> {
				LockstepProperties.Lock lock = context.getBean(LockstepProperties.class).getLock();
				assertThat(lock.getWaitTimeout()).hasSeconds(45);
				assertThat(lock.getPollInterval()).hasMillis(100);
				assertThat(lock.getName()).isEqualTo("custom");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLiquibaseConfiguration {

		@Bean
		SpringLiquibase ownLiquibase(DataSource dataSource) {
			SpringLiquibase liquibase = new SpringLiquibase();
			liquibase.setDataSource(dataSource);
			liquibase.setShouldRun(false);
			return liquibase;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMigratorConfiguration {

		@Bean
		Migrator ownMigrator(DataSource dataSource) {
			return new Migrator(dataSource, new DefaultResourceLoader(),
					MigrationSettings.of("classpath:db/ops/changelog.yaml"),
				PostgresRunners.runner(dataSource, Duration.ofSeconds(5), "own-migrator", LockListener.NONE));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PersonCountConfiguration {

		@Bean
		PersonCount personCount(DataSource dataSource) {
			return new PersonCount(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM person",
					Integer.class));
		}

	}

	@DependsOnDatabaseInitialization
	record PersonCount(int count) {

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		Customizer<Liquibase> ownerCustomizer() {
			return (liquibase) -> liquibase.setChangeLogParameter("owner", "customized");
		}

	}

}

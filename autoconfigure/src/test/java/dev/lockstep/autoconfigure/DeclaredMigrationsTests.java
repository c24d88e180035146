package dev.lockstep.autoconfigure;

import javax.sql.DataSource;

import dev.lockstep.engine.Migrators;
import dev.lockstep.startup.StartupMigrations;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the migrations of {@code lockstep.migrations.<name>.*}: what is created for
 * them, and the declarations that fail the start, naming the property.
 */
class DeclaredMigrationsTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@RegisterExtension
	static TestDatabase reporting = new TestDatabase();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
				LockstepMigratorAutoConfiguration.class))
		.withUserConfiguration(ReportingDataSourceConfiguration.class)
		.withPropertyValues(database.datasourceProperties())
		.withPropertyValues("spring.liquibase.change-log=classpath:db/basic/changelog.yaml");

	@Test
	void withoutDeclaredMigrationsThereIsNothingBesidesTheDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(StartupMigrations.class);
			assertThat(context.getBean(Migrators.class).names()).containsExactly("default");
		});
	}

	@Test
	void aDeclaredMigrationGetsAStartupRunAMigratorAndManagedSchema() {
		this.contextRunner
			.withPropertyValues("lockstep.migrations.reporting.data-source=reportingDataSource",
					"lockstep.migrations.reporting.change-log=classpath:db/basic/changelog.yaml")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(StartupMigrations.class).migrations()).singleElement()
					.satisfies((migration) -> assertThat(migration.migrationName()).isEqualTo("reporting"));
				assertThat(context.getBean(Migrators.class).names()).containsExactly("default", "reporting");
				assertThat(context.getBean(LockstepSchemaManagementProvider.class)
					.getSchemaManagement(context.getBean("reportingDataSource", DataSource.class)))
					.isEqualTo(SchemaManagement.MANAGED);
				assertThat(reporting.columns("public", "person")).isNotEmpty();
			});
	}

	@Test
	void anUnknownDataSourceBeanFailsTheStartNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("lockstep.migrations.reporting.data-source=reportsDataSource",
					"lockstep.migrations.reporting.change-log=classpath:db/basic/changelog.yaml")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("lockstep.migrations.reporting.data-source")
				.hasMessageContaining("There is no DataSource bean named 'reportsDataSource'"));
	}

	@Test
	void aMissingChangelogFailsTheStartNamingTheProperty() {
		this.contextRunner.withPropertyValues("lockstep.migrations.reporting.data-source=reportingDataSource")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("lockstep.migrations.reporting.change-log")
				.hasMessageContaining("Migration 'reporting' needs lockstep.migrations.reporting.change-log"));
	}

	@Test
	void aNameThatTheEndpointsPathsUseIsRefused() {
		this.contextRunner
			.withPropertyValues("lockstep.migrations.history.data-source=reportingDataSource",
					"lockstep.migrations.history.change-log=classpath:db/basic/changelog.yaml")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Property lockstep.migrations with value 'history' is invalid"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportingDataSourceConfiguration {

		@Bean(defaultCandidate = false)
		DataSource reportingDataSource() {
			return reporting.dataSource();
		}

	}

}

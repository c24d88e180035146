package dev.lockstep.autoconfigure;

import dev.lockstep.autoconfigure.LockstepAutoConfigurationImportFilter.ReplacedByLockstep;
import dev.lockstep.startup.LockstepStartupMigration;
import dev.lockstep.test.TestDatabase;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockstepAutoConfigurationImportFilter}: Spring Boot's Liquibase
 * auto-configuration is left out exactly where Lockstep's takes over.
 */
class LockstepAutoConfigurationImportFilterTests {

	private static final String SPRING_BOOT_LIQUIBASE = LiquibaseAutoConfiguration.class.getName();

	private static final String LOCKSTEP = LockstepAutoConfiguration.class.getName();

	private static final String DATA_SOURCE = DataSourceAutoConfiguration.class.getName();

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void leavesSpringBootsLiquibaseOutWhereLockstepIsIn() {
		assertThat(filter(new MockEnvironment(), DATA_SOURCE, SPRING_BOOT_LIQUIBASE, LOCKSTEP))
			.containsExactly(true, false, true);
	}

	@Test
	void keepsSpringBootsLiquibaseInSlicesWithoutLockstep() {
		assertThat(filter(new MockEnvironment(), DATA_SOURCE, SPRING_BOOT_LIQUIBASE, null))
			.containsExactly(true, true, true);
	}

	@Test
	void keepsSpringBootsLiquibaseWhenLockstepIsDisabled() {
		assertThat(filter(new MockEnvironment().withProperty("lockstep.enabled", "false"), SPRING_BOOT_LIQUIBASE,
				LOCKSTEP))
			.containsExactly(true, true);
	}

	@Test
	void applicationWithBothMigratesOnceUnderLockstep() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBeanProvider(SpringLiquibase.class).stream()).isEmpty();
			assertThat(context.getBean("liquibase")).isInstanceOf(LockstepStartupMigration.class);
			assertThat(database.appliedIds()).containsExactly("create-person", "insert-owner", "add-email",
					"add-phone");
		}
	}

	@Test
	void conditionEvaluationReportSaysWhereSpringBootsLiquibaseWent() {
		try (ConfigurableApplicationContext context = start()) {
			ConditionAndOutcomes outcomes = ConditionEvaluationReport.get(context.getBeanFactory())
				.getConditionAndOutcomesBySource()
				.get(SPRING_BOOT_LIQUIBASE);
			assertThat(outcomes).isNotNull();
			assertThat(outcomes.isFullMatch()).isFalse();
			assertThat(outcomes).singleElement().satisfies((entry) -> {
				assertThat(entry.getCondition()).isInstanceOf(ReplacedByLockstep.class);
				assertThat(entry.getOutcome().getMessage())
					.contains("LockstepAutoConfiguration runs Liquibase in its place")
					.contains("lockstep.enabled=false");
			});
		}
	}

	@Test
	void conditionEvaluationReportHasNothingFromTheFilterWhenLockstepIsDisabled() {
		try (ConfigurableApplicationContext context = start("lockstep.enabled=false")) {
			assertThat(ConditionEvaluationReport.get(context.getBeanFactory()).getConditionAndOutcomesBySource())
				.hasEntrySatisfying(SPRING_BOOT_LIQUIBASE, (outcomes) -> assertThat(outcomes.isFullMatch()).isTrue());
		}
	}

	@Test
	void applicationWithBothAndLockstepDisabledRunsSpringBootsLiquibase() {
		try (ConfigurableApplicationContext context = start("lockstep.enabled=false")) {
			assertThat(context.getBean("liquibase")).isInstanceOf(SpringLiquibase.class);
			assertThat(context.getBeanProvider(LockstepStartupMigration.class).stream()).isEmpty();
			assertThat(database.appliedIds()).hasSize(4);
		}
	}

	private static boolean[] filter(MockEnvironment environment, String... candidates) {
		LockstepAutoConfigurationImportFilter filter = new LockstepAutoConfigurationImportFilter();
		filter.setEnvironment(environment);
		return filter.match(candidates, null);
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(BothLiquibaseConfigurations.class).web(WebApplicationType.NONE)
			.properties(database.datasourceProperties())
			.properties("spring.liquibase.change-log=classpath:db/basic/changelog.yaml", "spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
			LiquibaseAutoConfiguration.class })
	static class BothLiquibaseConfigurations {

	}

}

package dev.lockstep.test.template;

import javax.sql.DataSource;

import dev.lockstep.test.TestDatabase;
import dev.lockstep.test.template.FreshDatabaseApplication.StartupResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FreshDatabase} with the server given as {@code spring.datasource.*} properties
 * (as from the environment, or a {@code @DynamicPropertySource} for an embedded
 * PostgreSQL): the context runs on a copy of the template, where Lockstep's start finds
 * nothing to apply.
 */
@SpringBootTest(classes = FreshDatabaseApplication.class,
		properties = "spring.liquibase.change-log=classpath:db/ops/changelog.yaml")
@FreshDatabase(templatePrefix = "lockstep_tt_spring_")
class FreshDatabaseFromPropertiesTests {

	@RegisterExtension
	static TestDatabase server = new TestDatabase();

	@DynamicPropertySource
	static void server(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TemplateServer.maintenanceUrl(server));
		registry.add("spring.datasource.username", server::username);
		registry.add("spring.datasource.password", server::password);
	}

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcConnectionDetails connectionDetails;

	@Autowired
	private StartupResults startupResults;

	@Test
	void theContextRunsOnACopyOfTheTemplateWithNothingLeftToApply() {
		assertThat(this.connectionDetails.getJdbcUrl()).isNotEqualTo(TemplateServer.maintenanceUrl(server)).contains("/lockstep_test_");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("lockstep_test_");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class)).isEqualTo(14);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM customer", Integer.class)).isEqualTo(2);
		assertThat(this.startupResults.results()).singleElement()
			.satisfies((result) -> assertThat(result.applied()).isZero());
	}

}

package dev.lockstep.test.template;

import javax.sql.DataSource;

import dev.lockstep.test.TestDatabase;
import dev.lockstep.test.template.FreshDatabaseApplication.StartupResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FreshDatabase} with the server given as a {@link JdbcConnectionDetails} bean, which
 * is what {@code @ServiceConnection} registers for a Testcontainers PostgreSQL (no Docker
 * engine is needed to prove the wiring): the context runs on a copy of the template.
 */
@SpringBootTest(classes = { FreshDatabaseApplication.class,
		FreshDatabaseFromServiceConnectionTests.ServiceConnection.class },
		properties = "spring.liquibase.change-log=classpath:db/ops/changelog.yaml")
@FreshDatabase(templatePrefix = "lockstep_tt_spring_")
class FreshDatabaseFromServiceConnectionTests {

	@RegisterExtension
	static TestDatabase server = new TestDatabase();

	@Autowired
	private DataSource dataSource;

	@Autowired
	private StartupResults startupResults;

	@Test
	void theContextRunsOnACopyOfTheTemplateWithNothingLeftToApply() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("lockstep_test_");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class)).isEqualTo(14);
		assertThat(this.startupResults.results()).singleElement()
			.satisfies((result) -> assertThat(result.applied()).isZero());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ServiceConnection {

		@Bean
		JdbcConnectionDetails containerConnectionDetails() {
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return server.username();
				}

				@Override
				public String getPassword() {
					return server.password();
				}

				@Override
				public String getJdbcUrl() {
					return TemplateServer.maintenanceUrl(server);
				}

			};
		}

	}

}

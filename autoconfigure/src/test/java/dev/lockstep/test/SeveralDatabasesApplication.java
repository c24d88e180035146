package dev.lockstep.test;

import java.util.Arrays;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * An application with two DataSources besides the one of {@code spring.datasource.*}:
 * {@code reportingDataSource} ({@code reporting.datasource.*}) and
 * {@code ledgerDataSource} ({@code ledger.datasource.*}), each defined only when its URL
 * is set. They are not default candidates, as Spring Boot has further DataSources
 * defined, so its own DataSource stays. Started in the test's JVM and as a process of
 * its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SeveralDatabasesApplication {

	public static void main(String[] args) {
		SpringApplication.run(SeveralDatabasesApplication.class, args);
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnProperty("reporting.datasource.url")
	DataSource reportingDataSource(Environment environment) {
		return dataSource(environment, "reporting");
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnProperty("ledger.datasource.url")
	DataSource ledgerDataSource(Environment environment) {
		return dataSource(environment, "ledger");
	}

	private static DataSource dataSource(Environment environment, String prefix) {
		return DataSourceBuilder.create()
			.url(environment.getRequiredProperty(prefix + ".datasource.url"))
			.username(environment.getProperty(prefix + ".datasource.username"))
			.password(environment.getProperty(prefix + ".datasource.password"))
			.build();
	}

	/**
	 * Return the properties that point one of the further DataSources at a database.
	 * @param prefix {@code reporting} or {@code ledger}
	 * @param database the database
	 * @return the properties
	 */
	public static String[] dataSourceProperties(String prefix, ServerDatabase database) {
		return Arrays.stream(database.datasourceProperties())
			.map((property) -> property.replaceFirst("^spring\\.datasource\\.", prefix + ".datasource."))
			.toArray(String[]::new);
	}

}

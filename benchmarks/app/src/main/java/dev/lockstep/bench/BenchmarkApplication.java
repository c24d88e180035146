package dev.lockstep.bench;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Starts, opens its DataSource and runs one query (as every JPA or Spring Data application
 * does), then exits. Built with each migration tool in turn, or with none.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args).close();
	}

	@Bean
	Integer databaseCheck(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForObject("SELECT 1", Integer.class);
	}

}

package dev.lockstep.demo;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the connection pool and runs one query at startup, as a JPA or Spring Data
 * application does; with {@code lockstep.mode=off} this is the whole cost of the database
 * at startup, which makes the demo the baseline for Lockstep's startup benchmarks.
 */
@Component
class DatabaseCheck implements InitializingBean {

	private final DataSource dataSource;

	DatabaseCheck(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() {
		new JdbcTemplate(this.dataSource).queryForObject("SELECT 1", Integer.class);
	}

}

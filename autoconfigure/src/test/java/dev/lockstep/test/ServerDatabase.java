package dev.lockstep.test;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database of a test class's own on a real server, whichever the server is.
 */
public interface ServerDatabase {

	/**
	 * Return an unpooled DataSource for this database.
	 * @return the DataSource
	 */
	DataSource dataSource();

	/**
	 * Return the Spring properties that point an application at this database.
	 * @return {@code spring.datasource.*} properties
	 */
	String[] datasourceProperties();

	/**
	 * Return a JdbcTemplate on this database.
	 * @return the template
	 */
	default JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/**
	 * Open a new connection to this database.
	 * @return the connection
	 * @throws SQLException on a database error
	 */
	default Connection connect() throws SQLException {
		return dataSource().getConnection();
	}

}

package dev.lockstep.actuate;

import javax.sql.DataSource;

import dev.lockstep.engine.MigrationSettings;
import liquibase.integration.spring.SpringLiquibase;

/**
 * Lockstep's migration as Spring Boot's {@code liquibase} endpoint sees it: a
 * {@link SpringLiquibase} over the same database, changelog and tables that never runs
 * itself (Lockstep's startup migration does).
 */
public class SpringLiquibaseView extends SpringLiquibase {

	/**
	 * Create a new instance.
	 * @param dataSource the database Lockstep migrates
	 * @param settings what Lockstep migrates
	 */
	public SpringLiquibaseView(DataSource dataSource, MigrationSettings settings) {
		setDataSource(dataSource);
		settings.applyTo(this);
	}

	@Override
	public void afterPropertiesSet() {
		// Lockstep's startup migration applies the changelog.
	}

}

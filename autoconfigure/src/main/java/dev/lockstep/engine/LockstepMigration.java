package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.lockstep.DatabaseUnreachableException;

/**
 * One migration an application runs: the database, what is migrated into it, and how
 * error messages name that database. The startup run, the fast path, the operations
 * engine and the actuator all take it from here.
 *
 * @param name the migration's name, in observations and metrics
 * @param dataSource the database to migrate
 * @param settings what to migrate
 * @param databaseDescription how error messages name the database (never with
 * credentials)
 */
public record LockstepMigration(String name, DataSource dataSource, MigrationSettings settings, String databaseDescription) {

	/**
	 * Open a connection to the database.
	 * @return the connection
	 * @throws DatabaseUnreachableException if the database cannot be reached
	 */
	public Connection connect() {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException | RuntimeException ex) {
			throw new DatabaseUnreachableException(this.databaseDescription, ex);
		}
	}

	/**
	 * Return whether this migration is the one of the given database and settings.
	 * @param dataSource a database
	 * @param settings what is migrated into it
	 * @return whether both are this migration's
	 */
	public boolean isOf(DataSource dataSource, MigrationSettings settings) {
		return this.dataSource == dataSource && this.settings.equals(settings);
	}

}

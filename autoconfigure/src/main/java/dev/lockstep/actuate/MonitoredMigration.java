package dev.lockstep.actuate;

import java.util.function.UnaryOperator;

import dev.lockstep.engine.Migrator;

/**
 * One of the application's migrations as the endpoint, the health indicator and the
 * metrics see it.
 *
 * @param name the migration's name
 * @param migrator its engine
 * @param history its history, read again only when something changed
 * @param pending where its database stands
 * @param activity what ran of it so far
 */
public record MonitoredMigration(String name, Migrator migrator, MigrationHistoryCache history,
		PendingChangesets pending, MigrationActivity activity) {

	/**
	 * Return this migration with its engine changed, such as to wait less for the lock.
	 * @param change the change
	 * @return the changed migration
	 */
	public MonitoredMigration withMigrator(UnaryOperator<Migrator> change) {
		return new MonitoredMigration(this.name, change.apply(this.migrator), this.history, this.pending,
				this.activity);
	}

}

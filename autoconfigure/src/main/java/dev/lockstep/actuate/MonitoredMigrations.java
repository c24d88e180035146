package dev.lockstep.actuate;

import java.util.List;

/**
 * The application's migrations as the endpoint, the health indicator and the metrics see
 * them: the default one first, then the others in the order they run at startup. One
 * instance is shared, so that they share each migration's history cache.
 */
public class MonitoredMigrations {

	private final List<MonitoredMigration> migrations;

	/**
	 * Create a new instance.
	 * @param migrations the migrations, the default one first
	 */
	public MonitoredMigrations(List<MonitoredMigration> migrations) {
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * Return the migrations, the default one first.
	 * @return the migrations
	 */
	public List<MonitoredMigration> all() {
		return this.migrations;
	}

}

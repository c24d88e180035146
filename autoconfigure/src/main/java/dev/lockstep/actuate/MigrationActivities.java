package dev.lockstep.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lockstep.engine.Migrators;

/**
 * The {@link MigrationActivity} of each of the application's migrations, by name.
 */
public class MigrationActivities {

	private final Map<String, MigrationActivity> byName = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param defaultActivity the activity of the migration of {@code spring.liquibase.*}
	 */
	public MigrationActivities(MigrationActivity defaultActivity) {
		this.byName.put(Migrators.DEFAULT, defaultActivity);
	}

	/**
	 * Return the activity of a migration, empty until it runs.
	 * @param migration the migration's name
	 * @return its activity
	 */
	public MigrationActivity of(String migration) {
		return this.byName.computeIfAbsent(migration, (name) -> new MigrationActivity());
	}

}

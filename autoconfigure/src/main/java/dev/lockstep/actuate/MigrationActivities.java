package dev.lockstep.actuate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link MigrationActivity} of each of the application's migrations, by name: every
 * name but those of the further migrations is the default migration's (a
 * {@code LockstepMigration} bean of the application's own may name it otherwise).
 */
public class MigrationActivities {

	private final MigrationActivity defaultActivity;

	private final Set<String> further;

	private final Map<String, MigrationActivity> byName = new ConcurrentHashMap<>();

	/**
	 * Create a new instance for an application with one migration.
	 * @param defaultActivity the activity of the migration of {@code spring.liquibase.*}
	 */
	public MigrationActivities(MigrationActivity defaultActivity) {
		this(defaultActivity, Set.of());
	}

	/**
	 * Create a new instance.
	 * @param defaultActivity the activity of the migration of {@code spring.liquibase.*}
	 * @param further the names of the further migrations
	 */
	public MigrationActivities(MigrationActivity defaultActivity, Set<String> further) {
		this.defaultActivity = defaultActivity;
		this.further = Set.copyOf(further);
	}

	/**
	 * Return the activity of a migration, empty until it runs.
	 * @param migration the migration's name
	 * @return its activity
	 */
	public MigrationActivity of(String migration) {
		return this.further.contains(migration)
				? this.byName.computeIfAbsent(migration, (name) -> new MigrationActivity()) : this.defaultActivity;
	}

}

package dev.lockstep.event;

/**
 * The source of Lockstep's events, when it runs one named migration of several.
 */
public interface MigrationSource {

	/**
	 * Return the name of the migration this source runs.
	 * @return the name: {@code default} for the migration of {@code spring.liquibase.*},
	 * else its name under {@code lockstep.migrations}
	 */
	String migrationName();

}

package dev.lockstep.command;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Migrators;
import org.jspecify.annotations.Nullable;

/**
 * The migration a command works on: the one named by {@code lockstep.migration}, or the
 * only one there is.
 *
 * @param name the migration's name
 * @param migrator its engine
 */
record MigrationChoice(String name, Migrator migrator) {

	/**
	 * Choose the migration.
	 * @param migrators the engine of each migration
	 * @param name the name asked for, or {@code null}
	 * @return the chosen migration
	 * @throws OperationRefusedException if the name is unknown, or missing where there are
	 * several migrations
	 */
	static MigrationChoice of(Migrators migrators, @Nullable String name) {
		String names = String.join(", ", migrators.names());
		if (name == null || name.isBlank()) {
			if (migrators.names().size() == 1) {
				String only = migrators.names().iterator().next();
				return new MigrationChoice(only, migrators.asMap().get(only));
			}
			throw new OperationRefusedException(Reason.MISSING_MIGRATION,
					"This application has several migrations (" + names
							+ "): name one with --lockstep.migration=<name>");
		}
		return migrators.named(name.strip())
			.map((migrator) -> new MigrationChoice(name.strip(), migrator))
			.orElseThrow(() -> new OperationRefusedException(Reason.UNKNOWN_MIGRATION,
					"No migration named '" + name + "': use one of " + names + " (--lockstep.migration=<name>)"));
	}

}

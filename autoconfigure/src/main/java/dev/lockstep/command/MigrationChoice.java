package dev.lockstep.command;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Migrators;
import org.jspecify.annotations.Nullable;

/**
 * Picks the migration a command works on: the one named by {@code lockstep.migration}, or
 * the only one there is.
 */
final class MigrationChoice {

	private MigrationChoice() {
	}

	/**
	 * Return the engine of the chosen migration.
	 * @param migrators the engine of each migration
	 * @param name the name asked for, or {@code null}
	 * @return the engine
	 * @throws OperationRefusedException if the name is unknown, or missing where there are
	 * several migrations
	 */
	static Migrator of(Migrators migrators, @Nullable String name) {
		String names = String.join(", ", migrators.names());
		if (name == null || name.isBlank()) {
			if (migrators.names().size() == 1) {
				return migrators.asMap().values().iterator().next();
			}
			throw new OperationRefusedException(Reason.MISSING_MIGRATION,
					"This application has several migrations (" + names
							+ "): name one with --lockstep.migration=<name>");
		}
		return migrators.named(name.strip())
			.orElseThrow(() -> new OperationRefusedException(Reason.UNKNOWN_MIGRATION,
					"No migration named '" + name + "': use one of " + names + " (--lockstep.migration=<name>)"));
	}

}

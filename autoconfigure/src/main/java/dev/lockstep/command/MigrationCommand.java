package dev.lockstep.command;

import java.util.Arrays;
import java.util.Locale;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;

/**
 * The commands of {@code lockstep.command}, named as Alembic names them.
 */
public enum MigrationCommand {

	/**
	 * The current revision, the head, and whether anything is pending.
	 */
	CURRENT(false),

	/**
	 * Every changeset with its state.
	 */
	HISTORY(false),

	/**
	 * Apply pending changesets up to the target.
	 */
	UPGRADE(true),

	/**
	 * Roll back applied changesets down to the target.
	 */
	DOWNGRADE(true),

	/**
	 * Record or forget changesets without running them.
	 */
	STAMP(true),

	/**
	 * Print the SQL an upgrade (or, for a target below the current revision, a downgrade)
	 * would run.
	 */
	SQL(true);

	private final boolean needsTarget;

	MigrationCommand(boolean needsTarget) {
		this.needsTarget = needsTarget;
	}

	boolean needsTarget() {
		return this.needsTarget;
	}

	/**
	 * Parse a command name.
	 * @param name the name, such as {@code upgrade}
	 * @return the command
	 * @throws OperationRefusedException if there is no such command
	 */
	public static MigrationCommand parse(String name) {
		return Arrays.stream(values())
			.filter((command) -> command.name().equalsIgnoreCase(name.strip()))
			.findFirst()
			.orElseThrow(() -> new OperationRefusedException(Reason.UNKNOWN_OPERATION,
					"No such command '" + name + "': use " + Arrays.stream(values())
						.map((command) -> command.name().toLowerCase(Locale.ROOT))
						.toList()));
	}

}

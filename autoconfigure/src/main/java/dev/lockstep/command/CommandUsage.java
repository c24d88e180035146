package dev.lockstep.command;

import java.util.Locale;

import dev.lockstep.LockstepException;

/**
 * The help of command mode: the commands, the forms of a target, the options and the exit
 * codes, as {@code alembic --help} lists them.
 */
final class CommandUsage {

	private static final String ROW = "  %-22s %s%n";

	private CommandUsage() {
	}

	static String text() {
		StringBuilder text = new StringBuilder();
		text.append("Usage: java -jar <application>.jar --lockstep.command=<command> [--lockstep.target=<target>] "
				+ "[options]\n\nRuns one migration command against the application's database, then exits.\n");
		text.append("\nCommands:\n");
		for (MigrationCommand command : MigrationCommand.values()) {
			text.append(row(command.propertyValue() + (command.needsTarget() ? " <target>" : ""), command.summary()));
		}
		text.append("\nTargets (--lockstep.target):\n")
			.append(row("head", "the last changeset of the changelog"))
			.append(row("base", "before the first changeset"))
			.append(row("+N, -N", "N changesets above or below the current revision"))
			.append(row("<tag>", "the changeset that carries the tag"))
			.append(row("<id>", "a changeset by its id"))
			.append(row("<path::id::author>", "a changeset by its full name, where its id is not unique"))
			.append(row("<date-time>", "downgrade to the changesets applied by then, e.g. 2026-11-23T10:42:00Z"));
		text.append("\nOptions:\n")
			.append(row("--lockstep.target=...", "the target of upgrade, downgrade, stamp and sql"))
			.append(row("--lockstep.migration=<name>", "the migration to work on, where the application has several"))
			.append(row("--lockstep.target=base", "lint checks every changeset, not only the pending ones"))
			.append(row("--lockstep.output=json", "JSON of the same shape as /actuator/migrations (default text)"))
			.append(row("--lockstep.dry-run=true", "upgrade, downgrade and stamp print their SQL and change nothing"))
			.append(row("--lockstep.history.limit=N", "history shows at most N changesets (default all)"))
			.append(row("--lockstep.history.offset=N", "history skips the first N changesets (default 0)"))
			.append(row("--lockstep.history.order=...", "newest-first (default) or oldest-first"))
			.append(row("--lockstep.message=...", "what a revision does; names its file, such as \"add isbn to book\""))
			.append(row("--lockstep.revision.*", "author, reference-url, source-directory of revision and check"));
		text.append("\nExit codes:\n")
			.append(code(0, "done; validate or check found nothing wrong"))
			.append(code(1, "anything else (a configuration error, for example)"))
			.append(code(LockstepException.EXIT_REFUSED,
					"refused before anything changed, an unknown command, or validate or check found problems"))
			.append(code(LockstepException.EXIT_MIGRATION_FAILED, "a changeset failed"))
			.append(code(LockstepException.EXIT_LOCK_TIMEOUT, "timed out waiting for the migration lock"))
			.append(code(LockstepException.EXIT_DATABASE_UNREACHABLE, "the database could not be reached"))
			.append(code(LockstepException.EXIT_CANCELLED, "the wait for the migration lock was cancelled"));
		return text.toString();
	}

	private static String row(String name, String description) {
		return String.format(Locale.ROOT, ROW, name, description);
	}

	private static String code(int exitCode, String meaning) {
		return row(Integer.toString(exitCode), meaning);
	}

}

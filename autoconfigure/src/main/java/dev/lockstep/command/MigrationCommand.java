package dev.lockstep.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The commands of {@code lockstep.command}, named as Alembic names them.
 */
public enum MigrationCommand {

	/**
	 * The current revision, the head, and whether anything is pending.
	 */
	CURRENT(false, "Show the current revision, the head, and how many changesets are pending"),

	/**
	 * Every changeset with its state.
	 */
	HISTORY(false, "List every changeset with its state (applied, pending, changed, filtered, missing)"),

	/**
	 * Apply pending changesets up to the target.
	 */
	UPGRADE(true, "Apply pending changesets up to the target"),

	/**
	 * Roll back applied changesets down to the target.
	 */
	DOWNGRADE(true, "Roll back applied changesets down to the target"),

	/**
	 * Record or forget changesets without running them.
	 */
	STAMP(true, "Record changesets as applied up to the target, or forget them down to it, running nothing"),

	/**
	 * Print the SQL an upgrade (or, for a target below the current revision, a downgrade)
	 * would run.
	 */
	SQL(true, "Print the SQL an upgrade (or a downgrade) to the target would run, changing nothing"),

	/**
	 * Check the changelog and how it matches the database: changelog errors, changesets
	 * edited since they were applied, applied changesets missing from the changelog.
	 */
	VALIDATE(false, "Check the changelog and the changesets applied from it; exit 2 if anything is wrong"),

	/**
	 * Free Liquibase's changelog lock row left by a Lockstep process that no longer runs.
	 */
	RELEASE_LOCKS(false, "Free Liquibase's changelog lock row left by a killed Lockstep process (never another "
			+ "client's); exit 2 if another client holds it"),

	/**
	 * Check the SQL of the pending changesets (of every changeset with the target
	 * {@code base}) for statements that lock or rewrite tables, or break running code.
	 */
	LINT(false, "Check the SQL of the pending changesets (every changeset with --lockstep.target=base) for risky "
			+ "statements; exit 2 on findings"),

	/**
	 * Compare the application's JPA model with the database at head.
	 */
	CHECK(false, "Compare the JPA model with the database at head; exit 2 listing each difference"),

	/**
	 * Write the changesets that take the database at head to the JPA model as a new
	 * changelog file.
	 */
	REVISION(false, "Write the changesets that take the database at head to the JPA model as a new changelog "
			+ "file, included in the master (--lockstep.message names it)"),

	/**
	 * Print the commands, targets, options and exit codes.
	 */
	HELP(false, "Show this help; the database is not touched");

	private final boolean needsTarget;

	private final String summary;

	MigrationCommand(boolean needsTarget, String summary) {
		this.needsTarget = needsTarget;
		this.summary = summary;
	}

	boolean needsTarget() {
		return this.needsTarget;
	}

	/**
	 * Return what the command does, in one line.
	 * @return the summary
	 */
	public String summary() {
		return this.summary;
	}

	/**
	 * Return the command's name as {@code lockstep.command} takes it.
	 * @return the name, such as {@code upgrade} or {@code release-locks}
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Find a command by its name.
	 * @param name the name, such as {@code upgrade}, in any case
	 * @return the command, or empty if there is no such command
	 */
	public static Optional<MigrationCommand> named(String name) {
		return Arrays.stream(values())
			.filter((command) -> command.propertyValue().equalsIgnoreCase(name.strip()))
			.findFirst();
	}

}

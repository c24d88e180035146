package dev.lockstep;

import java.util.List;

import liquibase.exception.ChangeLogParseException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a migration could not be applied. Names the changeset that failed (as
 * {@code path::id::author}) and the database's own error, or the changelog that could not
 * be found, in the words Spring Boot uses for it.
 */
public final class MigrationFailedException extends LockstepException {

	private final @Nullable String changeSet;

	private static final String DOES_NOT_EXIST = " does not exist";

	private final String reason;

	private final @Nullable String missingChangelog;

	private final boolean partlyApplied;

	public MigrationFailedException(@Nullable String changeSet, String reason, Throwable cause) {
		this(changeSet, reason, false, cause);
	}

	/**
	 * Create a new instance.
	 * @param changeSet the changeset that failed, or {@code null} for a failure outside
	 * of a changeset
	 * @param reason the database's (or Liquibase's) own description of the failure
	 * @param partlyApplied whether statements of the failed changeset may have run and
	 * stayed applied: the database commits DDL as it runs it, or the changeset runs
	 * outside a transaction
	 * @param cause the failure
	 */
	public MigrationFailedException(@Nullable String changeSet, String reason, boolean partlyApplied,
			Throwable cause) {
		this(changeSet, reason, partlyApplied, List.of(), cause);
	}

	/**
	 * Create a new instance for a changeset whose statements may have stayed applied,
	 * naming them.
	 * @param changeSet the changeset that failed, or {@code null} for a failure outside
	 * of a changeset
	 * @param reason the database's (or Liquibase's) own description of the failure
	 * @param partlyApplied whether statements of the failed changeset may have run and
	 * stayed applied: the database commits DDL as it runs it, or the changeset runs
	 * outside a transaction
	 * @param statementsThatMayHaveRun the statements of the changeset that may have run
	 * before the failure, in order, or none if not known
	 * @param cause the failure
	 */
	public MigrationFailedException(@Nullable String changeSet, String reason, boolean partlyApplied,
			List<String> statementsThatMayHaveRun, Throwable cause) {
		super(EXIT_MIGRATION_FAILED,
				message(changeSet, reason, partlyApplied, statementsThatMayHaveRun, missingChangelog(cause)), cause);
		this.changeSet = changeSet;
		this.reason = reason;
		this.missingChangelog = missingChangelog(cause);
		this.partlyApplied = partlyApplied;
	}

	/**
	 * Return the changelog path that Liquibase could not find, as Spring Boot's own
	 * analyzer of this failure reads it from Liquibase's message.
	 */
	private static @Nullable String missingChangelog(Throwable cause) {
		ChangeLogParseException parseFailure = Throwables.find(cause, ChangeLogParseException.class);
		String message = (parseFailure != null) ? parseFailure.getMessage() : null;
		return (message != null && message.endsWith(DOES_NOT_EXIST))
				? message.substring(0, message.length() - DOES_NOT_EXIST.length()) : null;
	}

	private static String message(@Nullable String changeSet, String reason, boolean partlyApplied,
			List<String> statementsThatMayHaveRun, @Nullable String missingChangelog) {
		if (missingChangelog != null) {
			return "Liquibase failed to start because no changelog could be found at '%s'.".formatted(missingChangelog);
		}
		if (changeSet == null) {
			return "Liquibase update failed: %s".formatted(reason);
		}
		String message = "Changeset %s failed: %s".formatted(changeSet, reason);
		if (!partlyApplied) {
			return message;
		}
		message += ". Statements of this changeset that ran before the failure may have stayed applied (DDL is "
				+ "not transactional on this database, or the changeset ran outside a transaction)";
		return statementsThatMayHaveRun.isEmpty() ? message + ": check the schema before the next start"
				: message + ": " + String.join("; ", statementsThatMayHaveRun)
						+ ". Check the schema for them before the next start";
	}

	/**
	 * Return the changeset that failed.
	 * @return the changeset as {@code path::id::author}, or {@code null} when the failure
	 * happened outside of a changeset (changelog parsing or validation)
	 */
	public @Nullable String getChangeSet() {
		return this.changeSet;
	}

	/**
	 * Return the database's (or Liquibase's) own description of the failure.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return whether statements of the failed changeset may have run and stayed applied.
	 * @return whether the database commits DDL as it runs it, or the changeset ran
	 * outside a transaction
	 */
	public boolean isPartlyApplied() {
		return this.partlyApplied;
	}

	@Override
	public String getAction() {
		if (this.missingChangelog != null) {
			return "Make sure a Liquibase changelog is present at the configured path (spring.liquibase.change-log).";
		}
		String fix = (this.changeSet != null) ? "Fix the changeset named above"
				: "Correct the changelog as the error above says";
		return fix + " (or the database state it depends on) and start again. The migration lock was released, "
				+ "so the next start retries it.";
	}

}

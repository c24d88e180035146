package dev.lockstep;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a migration could not be applied. Names the changeset that failed (as
 * {@code path::id::author}) and the database's own error.
 */
public final class MigrationFailedException extends LockstepException {

	private final @Nullable String changeSet;

	private final String reason;

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
		super(EXIT_MIGRATION_FAILED, message(changeSet, reason, partlyApplied), cause);
		this.changeSet = changeSet;
		this.reason = reason;
	}

	private static String message(@Nullable String changeSet, String reason, boolean partlyApplied) {
		if (changeSet == null) {
			return "Liquibase update failed: %s".formatted(reason);
		}
		String message = "Changeset %s failed: %s".formatted(changeSet, reason);
		return partlyApplied ? message + ". Statements of this changeset that ran before the failure may have "
				+ "stayed applied (the database does not roll back DDL, or the changeset ran outside a "
				+ "transaction): check the schema before the next start" : message;
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

}

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
		super(EXIT_MIGRATION_FAILED, (changeSet != null) ? "Changeset %s failed: %s".formatted(changeSet, reason)
				: "Liquibase update failed: %s".formatted(reason), cause);
		this.changeSet = changeSet;
		this.reason = reason;
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

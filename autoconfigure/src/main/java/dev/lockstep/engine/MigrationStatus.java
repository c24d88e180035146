package dev.lockstep.engine;

import org.jspecify.annotations.Nullable;

/**
 * Where the database stands: Alembic's {@code current} with what is pending.
 *
 * @param current the current revision, or {@code null} if nothing is applied
 * @param head the last changeset of the changelog for the active contexts and labels
 * @param upToDate whether nothing is pending
 * @param pendingCount how many changesets are pending
 */
public record MigrationStatus(@Nullable CurrentRevision current, @Nullable Revision head, boolean upToDate,
		int pendingCount) {

	/**
	 * Derive the status from a history.
	 * @param history the history
	 * @return the status
	 */
	public static MigrationStatus of(MigrationHistory history) {
		int pending = history.pending().size();
		return new MigrationStatus(history.current(), history.head(), pending == 0, pending);
	}

}

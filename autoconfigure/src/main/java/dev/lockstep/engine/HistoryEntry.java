package dev.lockstep.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One changeset in the history, with its state and, if applied, how.
 *
 * @param revision the changeset
 * @param state where it stands
 * @param description what it does, as Liquibase describes it
 * @param tag the tag it carries (recorded, or set by its {@code tagDatabase} change), if
 * any
 * @param rollbackSupported whether a downgrade can roll it back
 * @param willRun whether an upgrade runs it: it is pending, or applied and marked to run
 * always (or on change, and it changed)
 * @param applied how it was applied, or {@code null} if it was not
 */
public record HistoryEntry(Revision revision, ChangeSetState state, @Nullable String description,
		@Nullable String tag, boolean rollbackSupported, boolean willRun, @Nullable Applied applied) {

	/**
	 * Return whether the changeset is recorded as applied.
	 * @return whether it is applied
	 */
	public boolean isApplied() {
		return this.applied != null;
	}

	/**
	 * How a changeset was applied, as the changelog table records it.
	 *
	 * @param executedAt when
	 * @param order its place in the order of execution
	 * @param deploymentId the run that applied it
	 * @param checksum its checksum when it was applied
	 * @param tag the tag on it, if any
	 * @param execType how Liquibase recorded it ({@code EXECUTED}, {@code MARK_RAN}, ...)
	 */
	public record Applied(@Nullable Instant executedAt, int order, @Nullable String deploymentId,
			@Nullable String checksum, @Nullable String tag, String execType) {

	}

}

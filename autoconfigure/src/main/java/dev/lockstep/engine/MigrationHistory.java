package dev.lockstep.engine;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Every changeset of the changelog in changelog order with its state, followed by the
 * applied changesets the changelog no longer has.
 *
 * @param entries the changesets
 * @param current the current revision, or {@code null} if nothing is applied
 * @param head the last changeset selected by the active contexts and labels, or
 * {@code null} if the changelog selects none
 */
public record MigrationHistory(List<HistoryEntry> entries, @Nullable CurrentRevision current,
		@Nullable Revision head) {

	public MigrationHistory {
		entries = List.copyOf(entries);
	}

	/**
	 * Return the pending changesets in the order an upgrade applies them.
	 * @return the pending changesets
	 */
	public List<HistoryEntry> pending() {
		return this.entries.stream().filter((entry) -> entry.state() == ChangeSetState.PENDING).toList();
	}

	/**
	 * Return what an upgrade to head runs, in changelog order: the pending changesets and
	 * the applied ones marked to run again.
	 * @return the changesets an upgrade runs
	 */
	public List<HistoryEntry> toRun() {
		return this.entries.stream().filter(HistoryEntry::willRun).toList();
	}

	/**
	 * Return the applied changesets, the one applied last first (by time, then order of
	 * execution, as Liquibase rolls back): the order a downgrade rolls them back.
	 * @return the applied changesets
	 */
	public List<HistoryEntry> appliedNewestFirst() {
		return this.entries.stream()
			.filter(HistoryEntry::isApplied)
			.sorted(Comparator
				.comparing((HistoryEntry entry) -> entry.applied().executedAt(),
						Comparator.nullsFirst(Comparator.naturalOrder()))
				.thenComparingInt((entry) -> entry.applied().order())
				.reversed())
			.toList();
	}

	/**
	 * Return whether nothing is pending.
	 * @return whether the database is up to date
	 */
	public boolean isUpToDate() {
		return pending().isEmpty();
	}

}

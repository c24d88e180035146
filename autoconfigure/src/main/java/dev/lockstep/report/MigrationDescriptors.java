package dev.lockstep.report;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.engine.HistoryEntry;
import dev.lockstep.engine.HistoryPage;
import dev.lockstep.engine.MigrationHistory;
import dev.lockstep.engine.Migrators;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.engine.Revision;
import dev.lockstep.engine.ValidationReport;
import dev.lockstep.lock.LockHolder;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of Lockstep's reports, shared by the {@code migrations} endpoint and the
 * command mode's JSON output.
 */
public final class MigrationDescriptors {

	private MigrationDescriptors() {
	}

	/**
	 * Describe where the database stands.
	 * @param history the history
	 * @param holder who holds the migration lock, or {@code null} if it is free
	 * @param mode the run mode
	 * @param lastRun the last run, or {@code null} if none is known
	 * @return the summary
	 */
	public static SummaryDescriptor summary(MigrationHistory history, @Nullable LockHolder holder, String mode,
			@Nullable LastRunDescriptor lastRun) {
		return summary(Migrators.DEFAULT, List.of(Migrators.DEFAULT), history, holder, mode, lastRun);
	}

	/**
	 * Describe where the database of one of several migrations stands.
	 * @param migration the migration's name
	 * @param migrations the names of all the application's migrations
	 * @param history the history
	 * @param holder who holds the migration lock, or {@code null} if it is free
	 * @param mode the run mode
	 * @param lastRun the last run, or {@code null} if none is known
	 * @return the summary
	 */
	public static SummaryDescriptor summary(String migration, Collection<String> migrations, MigrationHistory history,
			@Nullable LockHolder holder, String mode, @Nullable LastRunDescriptor lastRun) {
		return new SummaryDescriptor(RevisionDescriptor.of(history.current(), history),
				(history.head() != null) ? RevisionDescriptor.of(history.head(), tagOf(history.head(), history), history)
						: null,
				history.isUpToDate(), history.pending().size(),
				new LockDescriptor(holder != null, (holder != null) ? holder.describe() : null), mode, lastRun,
				migration, List.copyOf(migrations));
	}

	private static @Nullable String tagOf(Revision revision, MigrationHistory history) {
		return history.entries()
			.stream()
			.filter((entry) -> entry.revision().equals(revision))
			.map(HistoryEntry::tag)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The summary: where the database stands and who holds the lock.
	 *
	 * @param current the current revision, or {@code null} if nothing is applied
	 * @param head the changelog's last changeset for the active contexts and labels
	 * @param upToDate whether nothing is pending
	 * @param pendingCount how many changesets are pending
	 * @param lock the migration lock
	 * @param mode the run mode
	 * @param lastRun the last run that changed the database or failed
	 * @param migration the name of the migration described
	 * @param migrations the names of all the application's migrations
	 */
	public record SummaryDescriptor(@Nullable RevisionDescriptor current, @Nullable RevisionDescriptor head,
			boolean upToDate, int pendingCount, LockDescriptor lock, String mode, @Nullable LastRunDescriptor lastRun,
			String migration, List<String> migrations) {

	}

	/**
	 * A revision.
	 *
	 * @param id the changeset's id
	 * @param fullName {@code path::id::author}
	 * @param tag the tag on it or the newest below it, if any
	 * @param appliedAt when it was applied, or {@code null} if it is not
	 */
	public record RevisionDescriptor(String id, String fullName, @Nullable String tag, @Nullable Instant appliedAt) {

		static @Nullable RevisionDescriptor of(@Nullable CurrentRevision current, MigrationHistory history) {
			return (current != null) ? of(current.revision(), current.tag(), history) : null;
		}

		static RevisionDescriptor of(Revision revision, @Nullable String tag, MigrationHistory history) {
			Instant appliedAt = history.entries()
				.stream()
				.filter((entry) -> entry.revision().equals(revision) && entry.isApplied())
				.map((entry) -> entry.applied().executedAt())
				.findFirst()
				.orElse(null);
			return new RevisionDescriptor(revision.id(), revision.fullName(), tag, appliedAt);
		}

	}

	/**
	 * The migration lock.
	 *
	 * @param held whether a session holds it
	 * @param holder who holds it, if held
	 */
	public record LockDescriptor(boolean held, @Nullable String holder) {

	}

	/**
	 * The last run that changed the database or failed.
	 *
	 * @param operation {@code startup}, {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param outcome {@code SUCCESS} or {@code FAILURE}
	 * @param finishedAt when it ended
	 * @param durationMs how long it took, in milliseconds
	 * @param changeSets how many changesets it ran
	 * @param error why it failed, if it did
	 */
	public record LastRunDescriptor(String operation, String outcome, Instant finishedAt, long durationMs,
			int changeSets, @Nullable String error) {

	}

	/**
	 * A page of changesets with their states.
	 *
	 * @param changeSets the changesets
	 * @param total how many changesets there are in all
	 * @param offset how many come before the page
	 */
	public record ChangeSetsDescriptor(List<ChangeSetDescriptor> changeSets, int total, int offset) {

		/**
		 * Describe a page of history entries.
		 * @param page the page
		 * @return the descriptor
		 */
		public static ChangeSetsDescriptor of(HistoryPage page) {
			return new ChangeSetsDescriptor(page.entries().stream().map(ChangeSetDescriptor::of).toList(),
					page.total(), page.offset());
		}

	}

	/**
	 * One changeset with its state.
	 *
	 * @param id its id
	 * @param fullName {@code path::id::author}
	 * @param state {@code applied}, {@code changed}, {@code pending}, {@code filtered} or
	 * {@code missing_from_changelog}
	 * @param description what it does
	 * @param tag its tag, if any
	 * @param rollbackSupported whether a downgrade can roll it back
	 * @param applied how it was applied, or {@code null}
	 */
	public record ChangeSetDescriptor(String id, String fullName, String state, @Nullable String description,
			@Nullable String tag, boolean rollbackSupported, HistoryEntry.@Nullable Applied applied) {

		static ChangeSetDescriptor of(HistoryEntry entry) {
			return new ChangeSetDescriptor(entry.revision().id(), entry.revision().fullName(),
					entry.state().name().toLowerCase(Locale.ROOT), entry.description(), entry.tag(),
					entry.rollbackSupported(), entry.applied());
		}

	}

	/**
	 * What an operation did, or with a dry run would do.
	 *
	 * @param operation the operation
	 * @param target the target as given
	 * @param dryRun whether nothing was changed
	 * @param changeSets the changesets run, or that would run, in order
	 * @param sql with a dry run, the SQL that would run
	 * @param before the revision before
	 * @param after the revision after
	 * @param durationMs how long it took, in milliseconds
	 */
	public record OperationDescriptor(String operation, String target, boolean dryRun, List<String> changeSets,
			@Nullable String sql, @Nullable String before, @Nullable String after, long durationMs) {

		/**
		 * Describe an operation's result.
		 * @param result the result
		 * @return the descriptor
		 */
		public static OperationDescriptor of(OperationResult result) {
			return new OperationDescriptor(result.operation().name().toLowerCase(Locale.ROOT), result.target(),
					result.dryRun(), result.changeSets().stream().map(Revision::fullName).toList(), result.sql(),
					describe(result.before()), describe(result.after()), result.duration().toMillis());
		}

		private static @Nullable String describe(@Nullable CurrentRevision revision) {
			return (revision != null) ? revision.describe() : null;
		}

	}

	/**
	 * What validation found.
	 *
	 * @param valid whether nothing is wrong
	 * @param errors the changelog's own errors
	 * @param changed applied changesets edited since they were applied, as
	 * {@code path::id::author}
	 * @param missingFromChangelog applied changesets the changelog no longer has
	 */
	public record ValidationDescriptor(boolean valid, List<String> errors, List<String> changed,
			List<String> missingFromChangelog) {

		/**
		 * Describe a validation report.
		 * @param report the report
		 * @return the descriptor
		 */
		public static ValidationDescriptor of(ValidationReport report) {
			return new ValidationDescriptor(report.isValid(), report.errors(),
					report.changed().stream().map(Revision::fullName).toList(),
					report.missingFromChangelog().stream().map(Revision::fullName).toList());
		}

	}

}

package dev.lockstep.engine;

import java.util.ArrayList;
import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the history: the changelog's changesets matched with the changelog table's rows.
 */
final class HistoryReader {

	private HistoryReader() {
	}

	static MigrationHistory read(LiquibaseSession session) throws LiquibaseException {
		List<ChangeSetFilter> selection = List.of(new ContextChangeSetFilter(session.contexts()),
				new LabelChangeSetFilter(session.labels()), new DbmsChangeSetFilter(session.database()),
				new IgnoreChangeSetFilter());
		List<RanChangeSet> ran = session.ranChangeSets();
		List<HistoryEntry> entries = new ArrayList<>();
		List<RanChangeSet> matched = new ArrayList<>();
		Revision head = null;
		for (ChangeSet changeSet : session.liquibase().getDatabaseChangeLog().getChangeSets()) {
			RanChangeSet ranChangeSet = ran.stream().filter((row) -> row.isSameAs(changeSet)).findFirst().orElse(null);
			if (ranChangeSet != null) {
				matched.add(ranChangeSet);
			}
			boolean selected = selection.stream().allMatch((filter) -> filter.accepts(changeSet).isAccepted());
			boolean willRun = selected && willRun(changeSet, ranChangeSet);
			ChangeSetState state = state(selected, willRun, changeSet, ranChangeSet);
			Revision revision = new Revision(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor());
			if (selected) {
				head = revision;
			}
			String tag = (ranChangeSet != null && ranChangeSet.getTag() != null) ? ranChangeSet.getTag() : tag(changeSet);
			entries.add(new HistoryEntry(revision, state, changeSet.getDescription(), tag,
					supportsRollback(changeSet, session.database()), willRun, applied(ranChangeSet)));
		}
		for (RanChangeSet row : ran) {
			if (!matched.contains(row)) {
				entries.add(new HistoryEntry(new Revision(row.getChangeLog(), row.getId(), row.getAuthor()),
						ChangeSetState.MISSING_FROM_CHANGELOG, row.getDescription(), row.getTag(), false, false,
						applied(row)));
			}
		}
		return new MigrationHistory(entries, CurrentRevision.of(ran).orElse(null), head);
	}

	/**
	 * Whether Liquibase's update runs the changeset, by the rule of its own should-run
	 * filter (so a plan counts what the update will run).
	 */
	private static boolean willRun(ChangeSet changeSet, @Nullable RanChangeSet ranChangeSet) {
		return ranChangeSet == null || changeSet.shouldAlwaysRun()
				|| (changeSet.shouldRunOnChange() && !checksumValid(changeSet, ranChangeSet));
	}

	private static boolean checksumValid(ChangeSet changeSet, RanChangeSet ranChangeSet) {
		return ranChangeSet.getLastCheckSum() == null || changeSet.isCheckSumValid(ranChangeSet.getLastCheckSum());
	}

	private static ChangeSetState state(boolean selected, boolean willRun, ChangeSet changeSet,
			@Nullable RanChangeSet ranChangeSet) {
		if (ranChangeSet != null && willRun && changeSet.shouldRunOnChange() && !changeSet.shouldAlwaysRun()) {
			// Applied, but marked to run on change and changed: there is work to apply.
			return ChangeSetState.PENDING;
		}
		if (ranChangeSet != null) {
			return checksumValid(changeSet, ranChangeSet) ? ChangeSetState.APPLIED : ChangeSetState.CHANGED;
		}
		return selected ? ChangeSetState.PENDING : ChangeSetState.FILTERED;
	}

	private static @Nullable String tag(ChangeSet changeSet) {
		for (Change change : changeSet.getChanges()) {
			if (change instanceof TagDatabaseChange tagDatabase) {
				return tagDatabase.getTag();
			}
		}
		return null;
	}

	static boolean supportsRollback(ChangeSet changeSet, Database database) {
		if (!changeSet.getRollback().getChanges().isEmpty()) {
			return true;
		}
		for (Change change : changeSet.getChanges()) {
			if (!change.supportsRollback(database)) {
				return false;
			}
		}
		return true;
	}

	private static HistoryEntry.@Nullable Applied applied(@Nullable RanChangeSet row) {
		if (row == null) {
			return null;
		}
		return new HistoryEntry.Applied((row.getDateExecuted() != null) ? row.getDateExecuted().toInstant() : null,
				(row.getOrderExecuted() != null) ? row.getOrderExecuted() : 0, row.getDeploymentId(),
				(row.getLastCheckSum() != null) ? row.getLastCheckSum().toString() : null, row.getTag(),
				String.valueOf(row.getExecType()));
	}

}

package dev.lockstep.command;

import java.util.List;
import java.util.Locale;

import dev.lockstep.engine.HistoryEntry;
import dev.lockstep.engine.HistoryPage;
import dev.lockstep.engine.MigrationHistory;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.engine.Revision;
import dev.lockstep.engine.ValidationReport;
import dev.lockstep.revision.SchemaCheck;
import dev.lockstep.revision.WrittenRevision;

/**
 * Renders command results for people, the way Alembic prints them.
 */
final class TextReport {

	private TextReport() {
	}

	static String current(MigrationHistory history) {
		int pending = history.pending().size();
		return "Current revision: " + ((history.current() != null) ? history.current().describe() : "none") + "\n"
				+ "Head:             " + ((history.head() != null) ? history.head().fullName() : "none") + "\n"
				+ "Status:           " + ((pending == 0) ? "up to date" : pending + " pending") + "\n";
	}

	static String history(HistoryPage page) {
		StringBuilder text = new StringBuilder();
		for (HistoryEntry entry : page.entries()) {
			text.append(String.format(Locale.ROOT, "%-22s %s", entry.state().name().toLowerCase(Locale.ROOT),
					entry.revision().fullName()));
			if (entry.tag() != null) {
				text.append(" (tag ").append(entry.tag()).append(')');
			}
			if (entry.isApplied() && entry.applied().executedAt() != null) {
				text.append("  applied ").append(entry.applied().executedAt());
			}
			text.append('\n');
		}
		if (page.entries().size() < page.total()) {
			text.append("(changesets ").append(page.offset() + 1).append(" to ").append(page.offset() + page.entries().size())
				.append(" of ").append(page.total()).append(")\n");
		}
		return text.toString();
	}

	static String operation(OperationResult result) {
		if (result.dryRun()) {
			return (result.sql() != null && !result.sql().isEmpty()) ? result.sql()
					: "-- Nothing to do: already at the target\n";
		}
		StringBuilder text = new StringBuilder();
		String verb = switch (result.operation()) {
			case UPGRADE -> "Upgraded";
			case DOWNGRADE -> "Downgraded";
			case STAMP -> "Stamped";
		};
		int count = result.changeSets().size();
		text.append(verb).append(' ').append(count).append(" changeset").append((count == 1) ? "" : "s")
			.append((count == 0) ? " (already at the target)" : ":")
			.append('\n');
		for (Revision revision : result.changeSets()) {
			text.append("  ").append(revision.fullName()).append('\n');
		}
		text.append("Now at: ").append((result.after() != null) ? result.after().describe() : "base").append('\n');
		return text.toString();
	}

	static String validation(ValidationReport report) {
		if (report.isValid()) {
			return "Valid: the changelog has no errors, and every applied changeset is in it, unchanged\n";
		}
		StringBuilder text = new StringBuilder("Invalid:\n");
		section(text, report.errors(), "changelog error", "changelog errors");
		section(text, report.changed().stream().map(Revision::fullName).toList(),
				"changeset edited since it was applied", "changesets edited since they were applied");
		section(text, report.missingFromChangelog().stream().map(Revision::fullName).toList(),
				"applied changeset missing from the changelog", "applied changesets missing from the changelog");
		return text.toString();
	}

	private static void section(StringBuilder text, List<String> items, String one, String many) {
		if (items.isEmpty()) {
			return;
		}
		text.append(items.size()).append(' ').append((items.size() == 1) ? one : many).append(":\n");
		for (String item : items) {
			text.append("  ").append(item).append('\n');
		}
	}

	static final String NO_CHANGES = "No changes in schema detected.\n";

	static String check(SchemaCheck check) {
		if (check.upToDate()) {
			return NO_CHANGES;
		}
		StringBuilder text = new StringBuilder("The database at head differs from " + check.reference() + " ("
				+ check.differences().size() + "):\n");
		check.differences().forEach((difference) -> text.append("  ").append(difference).append('\n'));
		return text.append("Run the revision command to write the changesets that remove them.\n").toString();
	}

	static String revision(WrittenRevision revision) {
		int count = revision.changeSets().size();
		StringBuilder text = new StringBuilder("Generated " + revision.file() + " with " + count
				+ ((count == 1) ? " changeset:\n" : " changesets:\n"));
		revision.changeSets().forEach((id) -> text.append("  ").append(id).append('\n'));
		text.append((revision.includedIn() != null) ? "Included in " + revision.includedIn() + "."
				: "Its folder is included already (includeAll).");
		return text.append(" Review it, then upgrade.\n").toString();
	}

}

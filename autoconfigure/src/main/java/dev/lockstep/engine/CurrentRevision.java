package dev.lockstep.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import liquibase.changelog.RanChangeSet;
import org.jspecify.annotations.Nullable;

/**
 * The last applied changeset and the newest tag at or below it.
 *
 * @param revision the changeset applied last
 * @param tag the newest tag at or below it, or {@code null} if there is none
 */
public record CurrentRevision(Revision revision, @Nullable String tag) {

	/**
	 * Find the current revision among the rows of the changelog table.
	 * @param applied the applied changesets, in any order
	 * @return the current revision, or empty if nothing has been applied
	 */
	public static Optional<CurrentRevision> of(List<RanChangeSet> applied) {
		List<RanChangeSet> ordered = applied.stream()
			.sorted(Comparator.comparing(RanChangeSet::getOrderExecuted,
					Comparator.nullsFirst(Comparator.naturalOrder())))
			.toList();
		if (ordered.isEmpty()) {
			return Optional.empty();
		}
		String tag = null;
		for (RanChangeSet changeSet : ordered) {
			if (changeSet.getTag() != null) {
				tag = changeSet.getTag();
			}
		}
		RanChangeSet last = ordered.get(ordered.size() - 1);
		return Optional.of(new CurrentRevision(new Revision(last.getChangeLog(), last.getId(), last.getAuthor()), tag));
	}

	/**
	 * Describe the revision for log lines.
	 * @return the changeset's full name and its tag
	 */
	public String describe() {
		return this.revision.fullName() + ((this.tag != null) ? " (tag " + this.tag + ")" : "");
	}

}

package dev.lockstep.engine;

import java.util.List;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.MigrationTarget.Base;
import dev.lockstep.engine.MigrationTarget.Head;
import dev.lockstep.engine.MigrationTarget.Named;
import dev.lockstep.engine.MigrationTarget.PointInTime;
import dev.lockstep.engine.MigrationTarget.Relative;

/**
 * Turns an operation and a target into the changesets it touches, or refuses it before
 * anything is touched.
 */
final class OperationPlanner {

	private OperationPlanner() {
	}

	/**
	 * Plan an upgrade: the pending changesets to apply, in changelog order.
	 */
	static Plan upgrade(MigrationTarget target, MigrationHistory history) {
		List<HistoryEntry> pending = history.pending();
		if (target instanceof Head) {
			return Plan.up(history.toRun());
		}
		if (target instanceof Relative relative && relative.steps() > 0) {
			List<HistoryEntry> steps = firstOf(pending, relative.steps(), "pending");
			return upTo(steps.get(steps.size() - 1), history);
		}
		if (target instanceof Named named) {
			HistoryEntry entry = resolve(named, history);
			if (entry.state() == ChangeSetState.PENDING) {
				return upTo(entry, history);
			}
			if (entry.state() == ChangeSetState.FILTERED) {
				throw notSelected(entry);
			}
			throw new OperationRefusedException(Reason.WRONG_DIRECTION, "Cannot upgrade to " + describe(entry)
					+ ": it is already applied. To go back to it, downgrade.");
		}
		if (target instanceof PointInTime) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE,
					"Cannot upgrade to a date-time: that target is for downgrade only");
		}
		throw new OperationRefusedException(Reason.WRONG_DIRECTION,
				"Cannot upgrade to " + target + ": it lies below the current revision. Use downgrade.");
	}

	/**
	 * Plan a downgrade: the applied changesets to roll back, the one applied last first.
	 */
	static Plan downgrade(MigrationTarget target, MigrationHistory history) {
		Plan plan = down(target, history, "downgrade");
		for (HistoryEntry entry : plan.changeSets()) {
			if (entry.state() == ChangeSetState.MISSING_FROM_CHANGELOG) {
				throw new OperationRefusedException(Reason.NO_ROLLBACK, "Cannot downgrade to " + target + ": "
						+ entry.revision() + " is applied but no longer in the changelog, so it cannot be rolled back");
			}
			if (!entry.rollbackSupported()) {
				throw new OperationRefusedException(Reason.NO_ROLLBACK,
						"Cannot downgrade to " + target + ": changeset " + entry.revision()
								+ " has no rollback. Add a rollback to it, or downgrade to a revision after it.");
			}
		}
		return plan;
	}

	/**
	 * Plan a stamp: the changesets to record as applied (up) or as not applied (down).
	 */
	static Plan stamp(MigrationTarget target, MigrationHistory history) {
		if (target instanceof Head || (target instanceof Relative relative && relative.steps() > 0)) {
			return upgrade(target, history);
		}
		if (target instanceof Named named) {
			HistoryEntry entry = resolve(named, history);
			if (entry.state() == ChangeSetState.PENDING) {
				return upgrade(target, history);
			}
			if (entry.state() == ChangeSetState.FILTERED) {
				throw notSelected(entry);
			}
		}
		return down(target, history, "stamp");
	}

	/**
	 * Everything an upgrade runs up to and including the given pending changeset: Liquibase
	 * also reruns the changesets marked to run always (or on change) on its way there.
	 */
	private static Plan upTo(HistoryEntry last, MigrationHistory history) {
		List<HistoryEntry> toRun = history.toRun();
		return Plan.up(toRun.subList(0, toRun.indexOf(last) + 1));
	}

	private static Plan down(MigrationTarget target, MigrationHistory history, String operation) {
		List<HistoryEntry> applied = history.appliedNewestFirst();
		if (target instanceof Base) {
			return Plan.down(applied);
		}
		if (target instanceof Relative relative && relative.steps() < 0) {
			return Plan.down(firstOf(applied, -relative.steps(), "applied"));
		}
		if (target instanceof PointInTime pointInTime) {
			return Plan.down(applied.stream()
				.filter((entry) -> entry.applied().executedAt() != null
						&& entry.applied().executedAt().isAfter(pointInTime.instant()))
				.toList());
		}
		if (target instanceof Named named) {
			HistoryEntry entry = resolve(named, history);
			if (!entry.isApplied()) {
				throw new OperationRefusedException(Reason.WRONG_DIRECTION, "Cannot " + operation + " to "
						+ describe(entry) + ": it is not applied yet. To go forward to it, upgrade.");
			}
			return Plan.down(applied.subList(0, applied.indexOf(entry)));
		}
		throw new OperationRefusedException(Reason.WRONG_DIRECTION,
				"Cannot " + operation + " to " + target + ": it lies above the current revision. Use upgrade.");
	}

	private static List<HistoryEntry> firstOf(List<HistoryEntry> entries, int count, String what) {
		if (count > entries.size()) {
			throw new OperationRefusedException(Reason.OUT_OF_RANGE,
					"Cannot move " + count + " changeset" + ((count > 1) ? "s" : "") + ": only " + entries.size()
							+ " " + ((entries.size() == 1) ? "is" : "are") + " " + what);
		}
		return entries.subList(0, count);
	}

	private static HistoryEntry resolve(Named target, MigrationHistory history) {
		String name = target.name();
		List<HistoryEntry> candidates = history.entries()
			.stream()
			.filter((entry) -> entry.revision().id().equals(name) || entry.revision().fullName().equals(name)
					|| name.equals(entry.tag()))
			.toList();
		if (candidates.isEmpty()) {
			throw new OperationRefusedException(Reason.UNKNOWN_TARGET, "No changeset or tag is named '" + name
					+ "' in the changelog or the changelog table. Targets are head, base, +N, -N, a tag, a changeset "
					+ "id or path::id::author, or a date-time.");
		}
		if (candidates.size() > 1) {
			List<String> names = candidates.stream().map((entry) -> entry.revision().fullName()).toList();
			throw new OperationRefusedException(Reason.AMBIGUOUS_TARGET,
					"'" + name + "' names " + names.size() + " changesets: " + String.join(", ", names)
							+ ". Name one as path::id::author.",
					names);
		}
		return candidates.get(0);
	}

	private static OperationRefusedException notSelected(HistoryEntry entry) {
		return new OperationRefusedException(Reason.NOT_APPLICABLE,
				describe(entry) + " is not selected by the active contexts and labels");
	}

	private static String describe(HistoryEntry entry) {
		return entry.revision().fullName() + ((entry.tag() != null) ? " (tag " + entry.tag() + ")" : "");
	}

	/**
	 * The changesets an operation touches, in the order it touches them.
	 *
	 * @param up whether they move up (applied or recorded) rather than down
	 * @param changeSets the changesets
	 */
	record Plan(boolean up, List<HistoryEntry> changeSets) {

		static Plan up(List<HistoryEntry> changeSets) {
			return new Plan(true, List.copyOf(changeSets));
		}

		static Plan down(List<HistoryEntry> changeSets) {
			return new Plan(false, List.copyOf(changeSets));
		}

		List<Revision> revisions() {
			return this.changeSets.stream().map(HistoryEntry::revision).toList();
		}

	}

}

package dev.lockstep.test.roundtrip;

import java.util.List;

/**
 * What a {@link MigrationRoundTrip} found: each changeset in the order it was applied, and
 * how the schema it left at head differs from a straight apply of the whole changelog.
 *
 * @param changeSets each changeset checked, in order; the round trip stops after one
 * whose rollback or second apply went wrong, as the schema is no longer what the next
 * changeset expects
 * @param headDifferences how the head reached changeset by changeset differs from a
 * straight apply (none when the round trip stopped early)
 */
public record RoundTripReport(List<ChangeSetRoundTrip> changeSets, List<String> headDifferences) {

	public RoundTripReport {
		changeSets = List.copyOf(changeSets);
		headDifferences = List.copyOf(headDifferences);
	}

	/**
	 * Return whether every changeset was restored by its rollback and the head equals a
	 * straight apply.
	 * @return whether the round trip passed
	 */
	public boolean passed() {
		return this.headDifferences.isEmpty()
				&& this.changeSets.stream().noneMatch((changeSet) -> changeSet.outcome().isFailure());
	}

	/**
	 * Return the changesets that failed the round trip.
	 * @return those changesets, in order
	 */
	public List<ChangeSetRoundTrip> failures() {
		return this.changeSets.stream().filter((changeSet) -> changeSet.outcome().isFailure()).toList();
	}

	/**
	 * Describe the failures, one paragraph per changeset.
	 * @return the description, empty if the round trip passed
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		for (ChangeSetRoundTrip failure : failures()) {
			text.append(failure.changeSet()).append(": ").append(describe(failure.outcome())).append('\n');
			failure.differences().forEach((difference) -> text.append("    ").append(difference).append('\n'));
		}
		if (!this.headDifferences.isEmpty()) {
			text.append("The schema at head differs from a straight apply of the changelog:\n");
			this.headDifferences.forEach((difference) -> text.append("    ").append(difference).append('\n'));
		}
		return text.toString();
	}

	private static String describe(ChangeSetRoundTrip.Outcome outcome) {
		return switch (outcome) {
			case RESTORED -> "restored";
			case NO_ROLLBACK -> "has no rollback; add one (or an empty rollback if there is nothing to undo)";
			case WRONG_ROLLBACK -> "its rollback does not restore the schema it started from";
			case REAPPLY_DIFFERS -> "applied again after its rollback, it gives another schema than the first time";
			case FAILED -> "failed in the database";
		};
	}

}

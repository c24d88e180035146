package dev.lockstep.test.roundtrip;

import java.util.List;

/**
 * What the round trip found for one changeset.
 *
 * @param changeSet the changeset, as {@code path::id::author}
 * @param outcome what happened
 * @param differences the differences found, one line each (none when restored)
 */
public record ChangeSetRoundTrip(String changeSet, Outcome outcome, List<String> differences) {

	public ChangeSetRoundTrip {
		differences = List.copyOf(differences);
	}

	/**
	 * What happened to one changeset.
	 */
	public enum Outcome {

		/**
		 * Its rollback restored the schema, and applying it again gave the same schema as
		 * the first time.
		 */
		RESTORED,

		/**
		 * It has no rollback, so it could not be checked.
		 */
		NO_ROLLBACK,

		/**
		 * Its rollback left a schema other than the one before it.
		 */
		WRONG_ROLLBACK,

		/**
		 * Applied again after its rollback, it gave a schema other than the first time.
		 */
		REAPPLY_DIFFERS,

		/**
		 * Applying it, rolling it back or applying it again failed in the database.
		 */
		FAILED;

		/**
		 * Return whether this outcome fails the round trip.
		 * @return whether it is anything but {@link #RESTORED}
		 */
		public boolean isFailure() {
			return this != RESTORED;
		}

	}

}

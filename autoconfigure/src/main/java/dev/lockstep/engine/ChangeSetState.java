package dev.lockstep.engine;

/**
 * Where a changeset stands between the changelog and the database.
 */
public enum ChangeSetState {

	/**
	 * Applied, and unchanged since.
	 */
	APPLIED,

	/**
	 * Applied, but edited in the changelog since (its checksum no longer matches).
	 */
	CHANGED,

	/**
	 * Not applied yet, and selected by the active contexts and labels.
	 */
	PENDING,

	/**
	 * Not applied, and not selected by the active contexts and labels.
	 */
	FILTERED,

	/**
	 * Applied, but no longer in the changelog.
	 */
	MISSING_FROM_CHANGELOG

}

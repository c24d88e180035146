package dev.lockstep.engine;

/**
 * An operation that moves the database from one revision to another.
 */
public enum Operation {

	/**
	 * Apply pending changesets.
	 */
	UPGRADE,

	/**
	 * Roll back applied changesets.
	 */
	DOWNGRADE,

	/**
	 * Record changesets as applied, or as not applied, without running them.
	 */
	STAMP

}

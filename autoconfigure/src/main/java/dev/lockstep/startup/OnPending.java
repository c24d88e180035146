package dev.lockstep.startup;

/**
 * What {@code validate} mode does when changesets are pending
 * ({@code lockstep.validate.on-pending}).
 */
public enum OnPending {

	/**
	 * Fail the start, listing what is pending.
	 */
	FAIL,

	/**
	 * Start anyway; the {@code migrations} health indicator reports {@code DOWN}.
	 */
	REPORT

}

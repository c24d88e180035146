package dev.lockstep.lint;

/**
 * What the startup run does with the lint of its pending changesets.
 */
public enum LintOnStartup {

	/**
	 * No lint at startup.
	 */
	OFF,

	/**
	 * Log each finding as a warning, then migrate.
	 */
	WARN,

	/**
	 * Fail the start before anything is applied if there is a finding.
	 */
	FAIL

}

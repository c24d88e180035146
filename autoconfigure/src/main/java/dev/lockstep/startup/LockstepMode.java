package dev.lockstep.startup;

import java.util.Locale;

/**
 * What Lockstep does with the schema when the application starts
 * ({@code lockstep.mode}).
 */
public enum LockstepMode {

	/**
	 * Upgrade to head under the migration lock, then start the application.
	 */
	MIGRATE,

	/**
	 * Never change the schema; if changesets are pending, fail the start (or, with
	 * {@code lockstep.validate.on-pending=report}, start and report them on health).
	 */
	VALIDATE,

	/**
	 * Upgrade to head and exit with 0, starting no web server, or exit non-zero with the
	 * reason: for Kubernetes init containers and Jobs.
	 */
	MIGRATE_ONLY,

	/**
	 * Do not migrate at startup.
	 */
	OFF;

	/**
	 * Return the mode as {@code lockstep.mode} spells it.
	 * @return the property value, such as {@code migrate-only}
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}

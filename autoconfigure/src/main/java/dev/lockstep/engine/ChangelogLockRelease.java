package dev.lockstep.engine;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrator#releaseLocks()} found in Liquibase's changelog lock table, and did.
 *
 * @param table the lock table
 * @param lockedBy who held the row before, or {@code null} if it was free
 * @param released whether the row is free now: it was free, or a Lockstep process that no
 * longer runs had left it and it was reclaimed; {@code false} if another Liquibase client
 * holds it, which is left alone
 */
public record ChangelogLockRelease(String table, @Nullable String lockedBy, boolean released) {

	/**
	 * Describe the outcome in a sentence or two.
	 * @return the description
	 */
	public String describe() {
		if (this.lockedBy == null) {
			return "Liquibase's changelog lock in " + this.table + " was free: nothing to release.";
		}
		if (this.released) {
			return "Released Liquibase's changelog lock in " + this.table + ", left by a Lockstep process that no "
					+ "longer runs: " + this.lockedBy + ".";
		}
		return "Liquibase's changelog lock in " + this.table + " is held by " + this.lockedBy + ", not by a Lockstep "
				+ "process: left alone. That client releases it when it is done; if it no longer runs, release it "
				+ "with Liquibase's release-locks command.";
	}

}

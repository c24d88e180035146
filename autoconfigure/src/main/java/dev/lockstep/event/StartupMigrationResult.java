package dev.lockstep.event;

import java.time.Duration;

import dev.lockstep.Durations;
import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.lock.LockGrant;
import org.jspecify.annotations.Nullable;

/**
 * What one startup migration run did.
 *
 * @param applied the number of changesets applied
 * @param duration how long the run took, lock wait included
 * @param lock the lock the run held, or {@code null} if it took the fast path (nothing
 * pending: no lock, no Liquibase)
 * @param current the current revision afterwards, or {@code null} if nothing is applied
 */
public record StartupMigrationResult(int applied, Duration duration, @Nullable LockGrant lock,
		@Nullable CurrentRevision current) {

	/**
	 * Return whether the run took the fast path: nothing pending, found with one query,
	 * without the lock or Liquibase.
	 * @return whether the fast path was taken
	 */
	public boolean fastPath() {
		return this.lock == null;
	}

	/**
	 * Summarize the run in one log line.
	 * @return the summary
	 */
	public String summary() {
		String work = (this.applied > 0) ? "applied " + this.applied + " changeset" + ((this.applied > 1) ? "s" : "")
				: "no pending changesets";
		String wait;
		if (this.lock == null) {
			wait = "fast path: the changelog and the changelog table are unchanged since the last complete run";
		}
		else if (!this.lock.advisory()) {
			wait = "no advisory lock on this database";
		}
		else if (this.lock.previousHolder() != null) {
			wait = "waited " + Durations.format(this.lock.waited()) + " for the " + this.lock.name() + " held by "
					+ this.lock.previousHolder().describe();
		}
		else {
			wait = "took the " + this.lock.name() + " without waiting";
		}
		String revision = (this.current != null) ? this.current.describe() : "none (nothing applied)";
		return "Lockstep: " + work + " in " + Durations.format(this.duration) + "; " + wait + "; current revision "
				+ revision;
	}

}

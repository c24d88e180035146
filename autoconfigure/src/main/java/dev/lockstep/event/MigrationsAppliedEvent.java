package dev.lockstep.event;

import dev.lockstep.event.StartupMigrationResult;

/**
 * Published when a start finished its migrations, whether or not anything was pending.
 */
public class MigrationsAppliedEvent extends LockstepEvent {

	private final StartupMigrationResult result;

	public MigrationsAppliedEvent(Object source, StartupMigrationResult result) {
		super(source);
		this.result = result;
	}

	/**
	 * Return what the run did.
	 * @return the result
	 */
	public StartupMigrationResult getResult() {
		return this.result;
	}

}

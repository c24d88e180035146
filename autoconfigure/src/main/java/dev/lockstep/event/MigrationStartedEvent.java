package dev.lockstep.event;

/**
 * Published when a start begins its migrations, before it takes the migration lock.
 */
public class MigrationStartedEvent extends LockstepEvent {

	public MigrationStartedEvent(Object source) {
		super(source);
	}

}

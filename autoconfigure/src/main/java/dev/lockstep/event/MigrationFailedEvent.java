package dev.lockstep.event;

import dev.lockstep.LockstepException;

/**
 * Published when a start's migrations failed: a changeset failed, the lock wait timed
 * out or was cancelled, or the database could not be reached.
 */
public class MigrationFailedEvent extends LockstepEvent {

	private final LockstepException failure;

	public MigrationFailedEvent(Object source, LockstepException failure) {
		super(source);
		this.failure = failure;
	}

	/**
	 * Return why the migrations failed.
	 * @return the failure
	 */
	public LockstepException getFailure() {
		return this.failure;
	}

}

package dev.lockstep.event;

import dev.lockstep.lock.LockGrant;

/**
 * Published right after this process released the migration lock.
 */
public class MigrationLockReleasedEvent extends LockstepEvent {

	private final LockGrant grant;

	public MigrationLockReleasedEvent(Object source, LockGrant grant) {
		super(source);
		this.grant = grant;
	}

	/**
	 * Return the lock released.
	 * @return the grant
	 */
	public LockGrant getGrant() {
		return this.grant;
	}

}

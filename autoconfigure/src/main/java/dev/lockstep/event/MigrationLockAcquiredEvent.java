package dev.lockstep.event;

import dev.lockstep.lock.LockGrant;

/**
 * Published right after this process took the migration lock.
 */
public class MigrationLockAcquiredEvent extends LockstepEvent {

	private final LockGrant grant;

	public MigrationLockAcquiredEvent(Object source, LockGrant grant) {
		super(source);
		this.grant = grant;
	}

	/**
	 * Return the lock taken, with how long this process waited for it.
	 * @return the grant
	 */
	public LockGrant getGrant() {
		return this.grant;
	}

}

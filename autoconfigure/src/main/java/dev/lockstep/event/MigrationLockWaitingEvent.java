package dev.lockstep.event;

import java.time.Duration;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;

/**
 * Published when the migration lock is found held by another session, and again at every
 * progress interval while the wait goes on.
 */
public class MigrationLockWaitingEvent extends LockstepEvent {

	private final LockName lockName;

	private final LockHolder holder;

	private final Duration waited;

	public MigrationLockWaitingEvent(Object source, LockName lockName, LockHolder holder, Duration waited) {
		super(source);
		this.lockName = lockName;
		this.holder = holder;
		this.waited = waited;
	}

	/**
	 * Return the lock waited for.
	 * @return the lock's name
	 */
	public LockName getLockName() {
		return this.lockName;
	}

	/**
	 * Return who holds the lock.
	 * @return the holder
	 */
	public LockHolder getHolder() {
		return this.holder;
	}

	/**
	 * Return how long this process has waited so far.
	 * @return the time waited
	 */
	public Duration getWaited() {
		return this.waited;
	}

}

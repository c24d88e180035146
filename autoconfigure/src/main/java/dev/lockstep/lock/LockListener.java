package dev.lockstep.lock;

import java.time.Duration;

/**
 * Callbacks for the life of a migration lock, for logging, events and metrics.
 */
public interface LockListener {

	/**
	 * A listener that does nothing.
	 */
	LockListener NONE = new LockListener() {
	};

	/**
	 * Called when the lock is found held by another session, and again at every progress
	 * interval while the wait goes on.
	 * @param name the lock
	 * @param holder who holds it
	 * @param waited how long this process has waited so far
	 */
	default void waiting(LockName name, LockHolder holder, Duration waited) {
	}

	/**
	 * Called once the lock is held, shared or exclusively. A lock taken exclusively while
	 * held shared is reported once the shared hold is released.
	 * @param grant the lock
	 */
	default void acquired(LockGrant grant) {
	}

	/**
	 * Called right after the lock was released.
	 * @param grant the lock
	 */
	default void released(LockGrant grant) {
	}

}

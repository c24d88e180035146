package dev.lockstep.lock;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A migration lock on one database connection, as one database family takes it. The lock
 * belongs to the connection: closing the connection (or the death of the process that owns
 * it) releases it. The waiting, the shared check, the timeouts and the events are
 * {@link MigrationLockTemplate}'s; a session only tries, releases and signals. Sessions
 * never block inside a statement for longer than a pause, so a waiter holds nothing a
 * holder's migration could wait for.
 */
public interface LockSession extends AutoCloseable {

	/**
	 * Return the lock's name.
	 * @return the name
	 */
	LockName name();

	/**
	 * Return whether this session really locks anything. Only the session of a database
	 * without any lock Lockstep supports answers {@code false}.
	 * @return whether the session locks
	 */
	default boolean locks() {
		return true;
	}

	/**
	 * Try to take the lock without waiting.
	 * @return whether the lock is now held by this connection
	 * @throws SQLException on a database error
	 */
	boolean tryAcquire() throws SQLException;

	/**
	 * Return whether the lock can be held shared: alongside other shared holders, never
	 * alongside the exclusive one.
	 * @return whether {@link #tryAcquireShared()} may be called
	 */
	default boolean supportsShared() {
		return false;
	}

	/**
	 * Try to take the lock shared, without waiting. A waiter holds it to check, while
	 * nothing can change, whether it still needs the exclusive lock.
	 * @return whether the lock is now held shared by this connection
	 * @throws SQLException on a database error
	 * @throws UnsupportedOperationException unless {@link #supportsShared()}
	 */
	default boolean tryAcquireShared() throws SQLException {
		throw new UnsupportedOperationException(name() + " cannot be held shared");
	}

	/**
	 * Pause until another session signals a release (of the lock, or of a shared hold) or
	 * the timeout passes, whichever is first. Never holds a transaction or a snapshot while
	 * it waits. Sessions of databases that cannot signal a release just sleep (a poll).
	 * @param timeout the longest pause
	 * @throws SQLException on a database error
	 */
	default void awaitRelease(Duration timeout) throws SQLException {
		LockWait.sleep(timeout);
	}

	/**
	 * Return the session that holds the lock.
	 * @return the holder, or empty if the lock is free or the holder cannot be seen
	 * @throws SQLException on a database error
	 */
	Optional<LockHolder> holder() throws SQLException;

	/**
	 * Check, before each changeset, that the lock is still this session's. A lock that
	 * belongs to the connection cannot be lost while the connection works, so by default
	 * this checks nothing; a lease that expired or was taken over fails the check.
	 * @throws SQLException if the lock is no longer held, saying why
	 */
	default void verifyHeld() throws SQLException {
	}

	/**
	 * Release the lock and signal waiters.
	 * @throws SQLException on a database error
	 */
	void release() throws SQLException;

	/**
	 * Release the shared hold and signal waiters (one of them may want the lock
	 * exclusively), unless this session holds the lock exclusively too.
	 * @throws SQLException on a database error
	 */
	default void releaseShared() throws SQLException {
		throw new UnsupportedOperationException(name() + " cannot be held shared");
	}

	/**
	 * Release whatever this session still holds and restore the session settings it
	 * changed. Does not close the connection.
	 * @throws SQLException on a database error
	 */
	@Override
	void close() throws SQLException;

}

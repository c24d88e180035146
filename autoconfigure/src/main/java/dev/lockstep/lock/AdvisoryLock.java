package dev.lockstep.lock;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A session-level advisory lock on one database connection. The lock belongs to the
 * connection: closing the connection (or the death of the process that owns it) releases
 * it. Implementations never block inside a statement while waiting, so a waiter holds no
 * snapshot that could stall the holder's migration.
 */
public interface AdvisoryLock extends AutoCloseable {

	/**
	 * Return the lock's name.
	 * @return the name
	 */
	LockName name();

	/**
	 * Try to take the lock without waiting.
	 * @return whether the lock is now held by this connection
	 * @throws SQLException on a database error
	 */
	boolean tryAcquire() throws SQLException;

	/**
	 * Try to take the lock shared, without waiting: alongside other shared holders, never
	 * alongside the exclusive one. A waiter holds it to check, while nothing can change,
	 * whether it still needs the exclusive lock.
	 * @return whether the lock is now held shared by this connection
	 * @throws SQLException on a database error
	 */
	boolean tryAcquireShared() throws SQLException;

	/**
	 * Pause until another session signals a release (of the lock, or of a shared hold) or
	 * the timeout passes, whichever is first. Never holds a transaction or a snapshot while
	 * it waits.
	 * @param timeout the longest pause
	 * @throws SQLException on a database error
	 */
	void awaitRelease(Duration timeout) throws SQLException;

	/**
	 * Return the session that holds the lock.
	 * @return the holder, or empty if the lock is free or the holder cannot be seen
	 * @throws SQLException on a database error
	 */
	Optional<LockHolder> holder() throws SQLException;

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
	void releaseShared() throws SQLException;

	/**
	 * Restore the session settings this lock changed. Does not close the connection.
	 * @throws SQLException on a database error
	 */
	@Override
	void close() throws SQLException;

}

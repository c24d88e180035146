package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One database family's migration lock: which connections it serves, how to open a lock
 * session on one, and how to see who holds a lock without taking it. Providers are tried
 * in order; the first that supports a connection locks it.
 */
public interface MigrationLockProvider {

	/**
	 * Return whether this provider can lock on the given connection.
	 * @param connection the connection, possibly wrapped by a pool or a proxy
	 * @return whether it is one of this provider's database family
	 * @throws SQLException on a database error
	 */
	boolean supports(Connection connection) throws SQLException;

	/**
	 * Open a lock session on the connection, which then holds the lock and runs the work.
	 * @param connection the connection
	 * @param name the lock's name
	 * @param settings how the session presents itself
	 * @return the session, holding nothing yet
	 * @throws SQLException on a database error
	 */
	LockSession open(Connection connection, LockName name, LockSessionSettings settings) throws SQLException;

	/**
	 * Return the session that holds a lock, changing nothing on the connection.
	 * @param connection any connection to the database
	 * @param name the lock's name
	 * @return the holder, or empty if the lock is free or cannot be seen
	 * @throws SQLException on a database error
	 */
	Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException;

	/**
	 * Describe the lock for log lines, such as "PostgreSQL advisory lock".
	 * @return the description
	 */
	String description();

}

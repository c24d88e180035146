package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * One database family's lock timeout for a migration's statements: set on the locked
 * session for the run (as a {@link SessionTuning}), so that a statement that cannot get
 * its table lock gives up instead of queueing the application's queries behind it; told
 * apart from other failures, and explained by the sessions that held the lock.
 */
public interface TableLockTimeout extends SessionTuning {

	/**
	 * Return whether a failure is a statement that gave up waiting for a lock.
	 * @param failure the failure
	 * @return whether it is
	 */
	boolean isLockTimeout(Throwable failure);

	/**
	 * Describe the sessions that held the locks the failed statement waited for since
	 * before it started waiting.
	 * @param connection the migration's connection
	 * @param failure the lock timeout
	 * @param since when the attempt that failed started
	 * @return one description per session, longest holder first
	 * @throws SQLException on a database error
	 */
	List<String> blockers(Connection connection, Throwable failure, Instant since) throws SQLException;

}

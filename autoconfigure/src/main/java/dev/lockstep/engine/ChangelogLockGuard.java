package dev.lockstep.engine;

import java.sql.Connection;
import java.util.Map;

import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockWaitPolicy;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.jvm.JdbcConnection;
import org.jspecify.annotations.Nullable;

/**
 * What {@link LockstepLockService} needs to know while Lockstep's lock is held on the
 * connection Liquibase works on: which lock (a changelog lock row written under the same
 * name is provably stale, as its writer no longer holds the lock), and how to wait for a
 * row another Liquibase client holds. It travels in Liquibase's own {@link Scope}, which
 * is the thread's, for the length of the run.
 *
 * @param connection the locked connection, exactly as Liquibase is given it
 * @param lockName the lock held
 * @param policy the wait policy, the same as for the lock
 * @param cancellation ends the wait early
 * @param holdCheck checks, before each changeset, that the lock is still held
 */
record ChangelogLockGuard(Connection connection, LockName lockName, LockWaitPolicy policy,
		CancellationSignal cancellation, LockGrant.HoldCheck holdCheck) {

	private static final String SCOPE_KEY = ChangelogLockGuard.class.getName();

	/**
	 * Run Liquibase work with this guard in scope.
	 */
	<T> T guard(Scope.ScopedRunnerWithReturn<T> work) throws Exception {
		return Scope.child(Map.of(SCOPE_KEY, this), work);
	}

	/**
	 * Return the guard of the Liquibase run in scope, if it works on the given database's
	 * connection.
	 */
	static @Nullable ChangelogLockGuard find(Database database) {
		ChangelogLockGuard guard = Scope.getCurrentScope().get(SCOPE_KEY, ChangelogLockGuard.class);
		DatabaseConnection connection = database.getConnection();
		if (guard != null && connection instanceof JdbcConnection jdbcConnection
				&& jdbcConnection.getUnderlyingConnection() == guard.connection()) {
			return guard;
		}
		return null;
	}

}

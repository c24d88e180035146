package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.Throwables;
import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLockTemplate;
import dev.lockstep.lock.MigrationLockTemplate.LockedCheck;
import dev.lockstep.lock.MigrationLocks;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs Liquibase under the migration lock, on the very connection that holds it: the
 * session tuned for the run, and Liquibase's changelog lock guarded by the lock held. The
 * startup run and every writing operation go through here.
 */
public final class LockedLiquibaseRunner {

	private final MigrationLocks locks;

	private final List<SessionTuning> tunings;

	private final LockWaitPolicy waitPolicy;

	private final LockSessionSettings sessionSettings;

	private final MigrationLockTemplate lockTemplate;

	private final LockRetryPolicy lockRetries;

	private final LockListener listener;

	/**
	 * Create a new instance.
	 * @param locks the lock providers
	 * @param tunings the session tunings, of which those that support a connection apply
	 * @param waitPolicy how long and how to wait for the lock, and for Liquibase's
	 * changelog lock row held by another client
	 * @param sessionSettings how the lock session presents itself
	 * @param listener told of the lock's progress
	 */
	public LockedLiquibaseRunner(MigrationLocks locks, List<? extends SessionTuning> tunings,
			LockWaitPolicy waitPolicy, LockSessionSettings sessionSettings, LockListener listener) {
		this(locks, tunings, waitPolicy, sessionSettings, listener, LockRetryPolicy.NONE);
	}

	private LockedLiquibaseRunner(MigrationLocks locks, List<? extends SessionTuning> tunings,
			LockWaitPolicy waitPolicy, LockSessionSettings sessionSettings, LockListener listener,
			LockRetryPolicy lockRetries) {
		this.lockRetries = lockRetries;
		this.listener = listener;
		this.locks = locks;
		this.tunings = List.copyOf(tunings);
		this.waitPolicy = waitPolicy;
		this.sessionSettings = sessionSettings;
		this.lockTemplate = new MigrationLockTemplate(locks, waitPolicy, sessionSettings, listener);
	}

	/**
	 * Return a runner that waits as the given policy says and reports to the given
	 * listener.
	 * @param waitPolicy the policy
	 * @param listener told of the lock's progress
	 * @return the runner
	 */
	public LockedLiquibaseRunner with(LockWaitPolicy waitPolicy, LockListener listener) {
		return new LockedLiquibaseRunner(this.locks, this.tunings, waitPolicy, this.sessionSettings, listener,
				this.lockRetries);
	}

	/**
	 * Return a runner that runs an update again when a changeset gave up waiting for a
	 * table lock (see {@link #retryingLockTimeouts}).
	 * @param lockRetries how often, and after which pauses
	 * @return the runner
	 */
	public LockedLiquibaseRunner withLockRetries(LockRetryPolicy lockRetries) {
		return new LockedLiquibaseRunner(this.locks, this.tunings, this.waitPolicy, this.sessionSettings,
				this.listener, lockRetries);
	}

	/**
	 * Return a runner that reports to the given listener.
	 * @param listener told of the lock's progress
	 * @return the runner
	 */
	public LockedLiquibaseRunner withListener(LockListener listener) {
		return with(this.waitPolicy, listener);
	}

	/**
	 * Return the lock providers this runner takes its locks from.
	 * @return the providers
	 */
	public MigrationLocks locks() {
		return this.locks;
	}

	/**
	 * Take the migration lock on the connection and run the work on it.
	 * @param <T> the result type
	 * @param connection the connection that holds the lock and runs Liquibase
	 * @param settings what is migrated, for the lock's name and the session's schema
	 * @param cancellation ends the wait for the lock early
	 * @param check run once a holder the process waited for is done (see
	 * {@link MigrationLockTemplate#execute(Connection, dev.lockstep.lock.LockName, CancellationSignal, LockedCheck, MigrationLockTemplate.LockedCallback)});
	 * {@code null} for none
	 * @param work the Liquibase work
	 * @return the check's or the work's result
	 * @throws SQLException on a database error around the work
	 */
	public <T> T run(Connection connection, MigrationSettings settings, CancellationSignal cancellation,
			@Nullable LockedCheck<T> check, LockedWork<T> work) throws SQLException {
		return this.lockTemplate.execute(connection, settings.lockName(connection), cancellation, check, (grant) -> {
			SingleConnectionDataSource locked = new SingleConnectionDataSource(ChangeSetCommits.wrap(connection), true);
			try (SessionTuning.Undo undo = tune(connection, settings.defaultSchema())) {
				if (!grant.advisory()) {
					return work.run(locked, grant);
				}
				ChangelogLockGuard guard = new ChangelogLockGuard(locked.getConnection(), grant.name(),
						this.waitPolicy, cancellation, grant.holdCheck());
				return guard.guard(() -> work.run(locked, grant));
			}
			catch (RuntimeException | SQLException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new MigrationFailedException(null, Throwables.rootMessage(ex), ex);
			}
		});
	}

	/**
	 * Run an update on the locked connection, and run it again, after a pause, when a
	 * changeset gave up waiting for a table lock (the database's lock timeout, where a
	 * {@link TableLockTimeout} sets one) and nothing of it stayed applied: the update
	 * resumes at that changeset. When the retries run out, the failure names the sessions
	 * that held the lock.
	 * @param <T> the result type
	 * @param connection the locked connection
	 * @param update the update, which throws a {@link dev.lockstep.MigrationFailedException}
	 * naming the changeset that failed
	 * @return the update's result
	 * @throws Exception what the last attempt threw
	 */
	public <T> T retryingLockTimeouts(Connection connection, Callable<T> update) throws Exception {
		TableLockTimeout lockTimeout = null;
		for (SessionTuning tuning : this.tunings) {
			if (tuning instanceof TableLockTimeout candidate && candidate.supports(connection)) {
				lockTimeout = candidate;
			}
		}
		return new LockTimeoutRetries(lockTimeout, this.lockRetries).run(connection, update);
	}

	/**
	 * Apply every tuning that supports the connection; the undo undoes them in reverse.
	 */
	private SessionTuning.Undo tune(Connection connection, @Nullable String defaultSchema) throws SQLException {
		Deque<SessionTuning.Undo> undos = new ArrayDeque<>();
		try {
			for (SessionTuning tuning : this.tunings) {
				if (tuning.supports(connection)) {
					undos.push(tuning.apply(connection, defaultSchema));
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			undos.forEach(SessionTuning.Undo::close);
			throw ex;
		}
		return () -> undos.forEach(SessionTuning.Undo::close);
	}

	/**
	 * Liquibase work on the locked connection.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface LockedWork<T> {

		/**
		 * Do the work.
		 * @param lockedConnection hands out the locked connection, and never closes it
		 * @param grant the lock held
		 * @return the result
		 * @throws Exception on a failure
		 */
		T run(DataSource lockedConnection, LockGrant grant) throws Exception;

	}

}

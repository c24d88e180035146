package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockWaitTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The migration lock protocol, written once for every database family: take the lock on
 * the connection that does the work, so that the work and the lock live and die together;
 * wait for a holder without sitting inside a statement; let waiters check side by side
 * under a shared hold where the database has one; report, time out and give up on
 * cancellation the same way everywhere. Each family contributes only its
 * {@link LockSession} through a {@link MigrationLockProvider}.
 */
public final class MigrationLockTemplate {

	private static final Log logger = LogFactory.getLog(MigrationLockTemplate.class);

	private static final int VALIDATION_TIMEOUT_SECONDS = 5;

	private final MigrationLocks locks;

	private final LockWaitPolicy policy;

	private final LockSessionSettings settings;

	private final LockListener listener;

	/**
	 * Create a new instance.
	 * @param locks the lock providers, one of which fits each connection
	 * @param policy how long and how to wait for a lock held elsewhere
	 * @param settings how lock sessions present themselves
	 * @param listener told of the lock's progress
	 */
	public MigrationLockTemplate(MigrationLocks locks, LockWaitPolicy policy, LockSessionSettings settings,
			LockListener listener) {
		this.locks = locks;
		this.policy = policy;
		this.settings = settings;
		this.listener = listener;
	}

	/**
	 * Take the lock on the connection, waiting as the policy allows, run the callback and
	 * release the lock. On databases without a lock of Lockstep's the callback runs
	 * without one.
	 * @param <T> the callback's result type
	 * @param connection the connection that holds the lock and that the callback must use
	 * @param name the lock's name
	 * @param cancellation ends the wait early when cancelled
	 * @param callback the work
	 * @return the callback's result
	 * @throws SQLException on a database error
	 * @throws LockWaitTimeoutException if the lock stayed held for longer than the timeout
	 * @throws LockWaitCancelledException if the wait was cancelled or interrupted
	 */
	public <T> T execute(Connection connection, LockName name, CancellationSignal cancellation,
			LockedCallback<T> callback) throws SQLException {
		return execute(connection, name, cancellation, null, callback);
	}

	/**
	 * Like {@link #execute(Connection, LockName, CancellationSignal, LockedCallback)}, for
	 * work that the session it waits for may do. Once that session releases the lock, the
	 * waiter runs the check: where the lock can be held shared, waiters take it shared and
	 * check side by side, while no exclusive holder can change anything, and a result
	 * from the check ends the wait. If the check finds work, the waiter tries to take the
	 * lock exclusively before it lets the shared hold go; if another session holds it too,
	 * the waiter waits again and checks again under the exclusive lock before the callback
	 * runs. Where the lock has no shared mode, the check runs under the exclusive lock.
	 * @param <T> the result type
	 * @param connection the connection that holds the lock and that the check and the
	 * callback must use
	 * @param name the lock's name
	 * @param cancellation ends the wait early when cancelled
	 * @param check returns the result if the work is done already, {@code null} if the
	 * callback must run; {@code null} for no check
	 * @param callback the work
	 * @return the check's or the callback's result
	 * @throws SQLException on a database error
	 * @throws LockWaitTimeoutException if the lock stayed held for longer than the timeout
	 * @throws LockWaitCancelledException if the wait was cancelled or interrupted
	 */
	public <T> T execute(Connection connection, LockName name, CancellationSignal cancellation,
			@Nullable LockedCheck<T> check, LockedCallback<T> callback) throws SQLException {
		MigrationLockProvider provider = this.locks.providerFor(connection);
		try (LockSession lock = provider.open(connection, name, this.settings)) {
			Wait wait = new Wait(lock, cancellation);
			if (lock.locks()) {
				logger.info("Lockstep takes the " + name + " as a " + provider.description());
			}
			if (lock.tryAcquire()) {
				if (!lock.locks()) {
					logger.warn(connection.getMetaData().getDatabaseProductName() + " has no lock Lockstep "
							+ "supports; relying on Liquibase's lock table alone");
					return callback.doWithLock(wait.grant(LockGrant.Mode.NONE));
				}
				logger.debug("Took the " + name + " (" + provider.description() + ") at once");
				// Nobody to wait for: whatever the caller found before calling still holds.
				return hold(connection, lock, wait.grant(LockGrant.Mode.EXCLUSIVE), callback);
			}
			boolean mayShare = check != null && lock.supportsShared();
			while (true) {
				wait.pause();
				if (mayShare) {
					if (!lock.tryAcquireShared()) {
						// Held exclusively: taking it exclusively would fail too.
						continue;
					}
					mayShare = false;
					SharedCheck<T> shared = new SharedCheck<>(lock, wait, check);
					T done = hold(connection, lock, wait.grant(LockGrant.Mode.SHARED), shared);
					if (done != null) {
						return done;
					}
					if (shared.upgraded) {
						if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
							// Releasing the shared hold failed: the connection went, with the exclusive hold.
							throw new SQLException("Lost the " + lock.name() + " with its connection, after "
									+ "taking it exclusively and before the work could start");
						}
						// Taken exclusively before the shared hold ended: nothing changed since the check.
						return hold(connection, lock, wait.grant(LockGrant.Mode.EXCLUSIVE), callback);
					}
				}
				else if (lock.tryAcquire()) {
					LockedCallback<T> work = (check != null) ? (grant) -> checkThenWork(check, callback, grant)
							: callback;
					return hold(connection, lock, wait.grant(LockGrant.Mode.EXCLUSIVE), work);
				}
			}
		}
	}

	private static <T> T checkThenWork(LockedCheck<T> check, LockedCallback<T> callback, LockGrant grant)
			throws SQLException {
		T done = check.check(grant);
		return (done != null) ? done : callback.doWithLock(grant);
	}

	private <T> T hold(Connection connection, LockSession lock, LockGrant grant, LockedCallback<T> callback)
			throws SQLException {
		T result;
		try {
			this.listener.acquired(grant);
			result = callback.doWithLock(grant);
		}
		catch (RuntimeException | SQLException ex) {
			release(connection, lock, grant);
			throw ex;
		}
		release(connection, lock, grant);
		return result;
	}

	/**
	 * Release the lock; if that fails, discard the connection (which frees the lock) so
	 * that no pool hands it out still holding the lock.
	 */
	private void release(Connection connection, LockSession lock, LockGrant grant) {
		try {
			if (grant.mode() == LockGrant.Mode.SHARED) {
				lock.releaseShared();
			}
			else {
				lock.release();
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not release the " + lock.name() + " (" + ex.getMessage()
					+ "); discarding its connection, which frees it");
			DiscardedConnections.discard(connection, ex);
			return;
		}
		try {
			this.listener.released(grant);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on the release of the " + lock.name(), ex);
		}
	}

	/**
	 * Work done while a migration lock is held.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface LockedCallback<T> {

		/**
		 * Do the work.
		 * @param grant the lock held while the work runs
		 * @return the result
		 * @throws SQLException on a database error
		 */
		T doWithLock(LockGrant grant) throws SQLException;

	}

	/**
	 * A check, under the lock, of whether the work is done already.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface LockedCheck<T> {

		/**
		 * Check whether the work is done already.
		 * @param grant the lock held while the check runs
		 * @return the result if the work is done already, {@code null} if it must run
		 * @throws SQLException on a database error
		 */
		@Nullable T check(LockGrant grant) throws SQLException;

	}

	/**
	 * The check under the shared lock; when it finds work, an attempt to take the lock
	 * exclusively while the shared hold still keeps every other session from doing so.
	 */
	private static final class SharedCheck<T> implements LockedCallback<T> {

		private final LockSession lock;

		private final Wait wait;

		private final LockedCheck<T> check;

		private boolean upgraded;

		SharedCheck(LockSession lock, Wait wait, LockedCheck<T> check) {
			this.lock = lock;
			this.wait = wait;
			this.check = check;
		}

		@Override
		public @Nullable T doWithLock(LockGrant grant) throws SQLException {
			T done = this.check.check(grant);
			if (done == null) {
				this.wait.checkCancelled();
				this.upgraded = this.lock.tryAcquire();
			}
			return done;
		}

	}

	/**
	 * One wait for the lock, reporting its holder at every progress interval.
	 */
	private final class Wait {

		private final LockSession lock;

		private final LockWait wait;

		private @Nullable LockHolder lastHolder;

		Wait(LockSession lock, CancellationSignal cancellation) {
			this.lock = lock;
			this.wait = new LockWait(lock.name().toString(), MigrationLockTemplate.this.policy, cancellation);
		}

		/**
		 * Pause until another session signals a release or the poll interval passes;
		 * report the holder at every progress interval.
		 */
		void pause() throws SQLException {
			if (this.wait.reportDue()) {
				Duration waited = this.wait.waited();
				this.lastHolder = this.lock.holder().orElse(this.lastHolder);
				if (this.lastHolder != null) {
					MigrationLockTemplate.this.listener.waiting(this.lock.name(), this.lastHolder, waited);
				}
			}
			this.wait.pause(this::describeHolder, this.lock::awaitRelease);
		}

		LockGrant grant(LockGrant.Mode mode) {
			return new LockGrant(this.lock.name(), mode, this.wait.waited(), this.lastHolder, this.lock::verifyHeld);
		}

		void checkCancelled() {
			this.wait.checkCancelled();
		}

		private @Nullable String describeHolder() {
			LockHolder holder;
			try {
				holder = this.lock.holder().orElse(this.lastHolder);
			}
			catch (SQLException ex) {
				holder = this.lastHolder;
			}
			return (holder != null) ? holder.describe() : null;
		}

	}

}

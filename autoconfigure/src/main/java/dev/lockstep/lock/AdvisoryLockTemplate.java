package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockWaitTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs work while holding a migration lock on the connection that does the work, so that
 * the work and the lock live and die together.
 */
public final class AdvisoryLockTemplate {

	private static final Log logger = LogFactory.getLog(AdvisoryLockTemplate.class);

	private static final int VALIDATION_TIMEOUT_SECONDS = 5;

	private final LockWaitPolicy policy;

	private final LockSessionSettings settings;

	private final LockListener listener;

	public AdvisoryLockTemplate(LockWaitPolicy policy, LockSessionSettings settings, LockListener listener) {
		this.policy = policy;
		this.settings = settings;
		this.listener = listener;
	}

	/**
	 * Take the lock on the connection, waiting as the policy allows, run the callback and
	 * release the lock. On databases without advisory locks the callback runs without one.
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
	 * waiter takes it shared and runs the check: waiters check side by side, while no
	 * exclusive holder can change anything, and a result from the check ends the wait. If
	 * the check finds work, the waiter tries to take the lock exclusively before it lets
	 * the shared hold go; if another session holds it too, the waiter waits again and
	 * checks again under the exclusive lock before the callback runs.
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
		Optional<AdvisoryLock> advisoryLock = AdvisoryLocks.open(connection, name, this.settings);
		if (advisoryLock.isEmpty()) {
			logger.warn(connection.getMetaData().getDatabaseProductName()
					+ " has no advisory lock Lockstep supports; relying on Liquibase's lock table alone");
			return callback.doWithLock(new LockGrant(name, LockGrant.Mode.NONE, Duration.ZERO, null));
		}
		try (AdvisoryLock lock = advisoryLock.get()) {
			Wait wait = new Wait(lock, cancellation);
			if (lock.tryAcquire()) {
				// Nobody to wait for: whatever the caller found before calling still holds.
				return hold(connection, lock, wait.grant(LockGrant.Mode.EXCLUSIVE), callback);
			}
			boolean mayShare = check != null;
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

	private <T> T hold(Connection connection, AdvisoryLock lock, LockGrant grant, LockedCallback<T> callback)
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
	private void release(Connection connection, AdvisoryLock lock, LockGrant grant) {
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
			PostgresSession.discard(connection, ex);
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

		private final AdvisoryLock lock;

		private final Wait wait;

		private final LockedCheck<T> check;

		private boolean upgraded;

		SharedCheck(AdvisoryLock lock, Wait wait, LockedCheck<T> check) {
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
	 * One wait for the lock: its timeout, its cancellation and its progress reports.
	 */
	private final class Wait {

		private final AdvisoryLock lock;

		private final CancellationSignal cancellation;

		private final long start = System.nanoTime();

		private long nextReport = this.start;

		private @Nullable LockHolder lastHolder;

		Wait(AdvisoryLock lock, CancellationSignal cancellation) {
			this.lock = lock;
			this.cancellation = cancellation;
		}

		/**
		 * Pause until another session signals a release or the poll interval passes;
		 * report the holder at every progress interval.
		 */
		void pause() throws SQLException {
			Duration waited = waited();
			if (System.nanoTime() - this.nextReport >= 0) {
				this.lastHolder = this.lock.holder().orElse(this.lastHolder);
				if (this.lastHolder != null) {
					AdvisoryLockTemplate.this.listener.waiting(this.lock.name(), this.lastHolder, waited);
				}
				this.nextReport = System.nanoTime() + AdvisoryLockTemplate.this.policy.progressInterval().toNanos();
			}
			Duration timeout = AdvisoryLockTemplate.this.policy.timeout();
			Duration remaining = timeout.minus(waited);
			if (remaining.isNegative() || remaining.isZero()) {
				LockHolder holder = currentHolder();
				throw new LockWaitTimeoutException(this.lock.name().toString(), timeout,
						(holder != null) ? holder.describe() : null);
			}
			checkCancelled();
			Duration pollInterval = AdvisoryLockTemplate.this.policy.pollInterval();
			this.lock.awaitRelease((remaining.compareTo(pollInterval) <= 0) ? remaining : pollInterval);
			checkCancelled();
		}

		LockGrant grant(LockGrant.Mode mode) {
			return new LockGrant(this.lock.name(), mode, waited(), this.lastHolder);
		}

		private Duration waited() {
			return Duration.ofNanos(System.nanoTime() - this.start);
		}

		void checkCancelled() {
			String reason = this.cancellation.cancellationReason();
			if (reason == null && Thread.currentThread().isInterrupted()) {
				reason = "the waiting thread was interrupted";
			}
			if (reason != null) {
				throw new LockWaitCancelledException(this.lock.name().toString(), reason);
			}
		}

		private @Nullable LockHolder currentHolder() {
			try {
				return this.lock.holder().orElse(this.lastHolder);
			}
			catch (SQLException ex) {
				return this.lastHolder;
			}
		}

	}

}

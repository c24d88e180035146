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
		Optional<AdvisoryLock> advisoryLock = AdvisoryLocks.open(connection, name, this.settings);
		if (advisoryLock.isEmpty()) {
			logger.warn(connection.getMetaData().getDatabaseProductName()
					+ " has no advisory lock Lockstep supports; relying on Liquibase's lock table alone");
			return callback.doWithLock(new LockGrant(name, false, Duration.ZERO, null));
		}
		try (AdvisoryLock lock = advisoryLock.get()) {
			LockGrant grant = acquire(lock, cancellation);
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
	}

	private LockGrant acquire(AdvisoryLock lock, CancellationSignal cancellation) throws SQLException {
		long start = System.nanoTime();
		LockHolder lastHolder = null;
		long nextReport = start;
		while (!lock.tryAcquire()) {
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			if (System.nanoTime() - nextReport >= 0) {
				lastHolder = lock.holder().orElse(lastHolder);
				if (lastHolder != null) {
					this.listener.waiting(lock.name(), lastHolder, waited);
				}
				nextReport = System.nanoTime() + this.policy.progressInterval().toNanos();
			}
			Duration remaining = this.policy.timeout().minus(waited);
			if (remaining.isNegative() || remaining.isZero()) {
				throw new LockWaitTimeoutException(lock.name().toString(), this.policy.timeout(),
						describe(currentHolder(lock, lastHolder)));
			}
			checkCancelled(lock, cancellation);
			lock.awaitRelease(min(remaining, this.policy.pollInterval()));
			checkCancelled(lock, cancellation);
		}
		return new LockGrant(lock.name(), true, Duration.ofNanos(System.nanoTime() - start), lastHolder);
	}

	private void checkCancelled(AdvisoryLock lock, CancellationSignal cancellation) {
		String reason = cancellation.cancellationReason();
		if (reason == null && Thread.currentThread().isInterrupted()) {
			reason = "the waiting thread was interrupted";
		}
		if (reason != null) {
			throw new LockWaitCancelledException(lock.name().toString(), reason);
		}
	}

	/**
	 * Release the lock; if that fails, discard the connection (which frees the lock) so
	 * that no pool hands it out still holding the lock.
	 */
	private void release(Connection connection, AdvisoryLock lock, LockGrant grant) {
		try {
			lock.release();
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not release the " + lock.name() + " (" + ex.getMessage()
					+ "); discarding its connection, which frees it");
			try {
				connection.abort(Runnable::run);
			}
			catch (SQLException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
			return;
		}
		try {
			this.listener.released(grant);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on the release of the " + lock.name(), ex);
		}
	}

	private static @Nullable LockHolder currentHolder(AdvisoryLock lock, @Nullable LockHolder lastHolder) {
		try {
			return lock.holder().orElse(lastHolder);
		}
		catch (SQLException ex) {
			return lastHolder;
		}
	}

	private static @Nullable String describe(@Nullable LockHolder holder) {
		return (holder != null) ? holder.describe() : null;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
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

}

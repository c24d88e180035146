package dev.lockstep.lock;

import java.time.Duration;
import java.util.function.Supplier;

import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockWaitTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One wait for a lock held elsewhere: its timeout, its cancellation and the rhythm of its
 * progress reports. The wait for Lockstep's migration lock and the wait for Liquibase's
 * changelog lock row are both one of these.
 */
public final class LockWait {

	private final String lockDescription;

	private final LockWaitPolicy policy;

	private final CancellationSignal cancellation;

	private final long start = System.nanoTime();

	private long nextReport = this.start;

	/**
	 * Start a wait.
	 * @param lockDescription names the lock in errors
	 * @param policy how long and how to wait
	 * @param cancellation ends the wait early when cancelled
	 */
	public LockWait(String lockDescription, LockWaitPolicy policy, CancellationSignal cancellation) {
		this.lockDescription = lockDescription;
		this.policy = policy;
		this.cancellation = cancellation;
	}

	/**
	 * Return how long the wait has lasted.
	 * @return the time since it started
	 */
	public Duration waited() {
		return Duration.ofNanos(System.nanoTime() - this.start);
	}

	/**
	 * Return whether a progress report is due, and if so schedule the next one.
	 * @return whether to report now
	 */
	public boolean reportDue() {
		if (System.nanoTime() - this.nextReport < 0) {
			return false;
		}
		this.nextReport = System.nanoTime() + this.policy.progressInterval().toNanos();
		return true;
	}

	/**
	 * Pause once: give up if the timeout has passed or the wait was cancelled, else pause
	 * for at most the poll interval and the time left.
	 * @param <E> what the pause may throw
	 * @param holder describes the holder for the timeout's error, {@code null} where it
	 * cannot be seen
	 * @param pause the pause itself: a wait for a release signal, or a sleep
	 * @throws E if the pause fails
	 * @throws LockWaitTimeoutException if the timeout has passed
	 * @throws LockWaitCancelledException if the wait was cancelled or interrupted
	 */
	public <E extends Exception> void pause(Supplier<@Nullable String> holder, Pause<E> pause) throws E {
		Duration remaining = this.policy.timeout().minus(waited());
		if (remaining.isNegative() || remaining.isZero()) {
			throw new LockWaitTimeoutException(this.lockDescription, this.policy.timeout(), holder.get());
		}
		checkCancelled();
		Duration pollInterval = this.policy.pollInterval();
		pause.pause((remaining.compareTo(pollInterval) <= 0) ? remaining : pollInterval);
		checkCancelled();
	}

	/**
	 * Give up if the wait was cancelled or its thread interrupted.
	 * @throws LockWaitCancelledException if so
	 */
	public void checkCancelled() {
		String reason = this.cancellation.cancellationReason();
		if (reason == null && Thread.currentThread().isInterrupted()) {
			reason = "the waiting thread was interrupted";
		}
		if (reason != null) {
			throw new LockWaitCancelledException(this.lockDescription, reason);
		}
	}

	/**
	 * Pause by sleeping, for locks whose releases are not signalled. An interrupt ends
	 * the sleep, and the wait then gives up.
	 * @param longest how long to sleep
	 */
	public static void sleep(Duration longest) {
		try {
			Thread.sleep(Math.max(1, longest.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One pause of a wait.
	 *
	 * @param <E> what the pause may throw
	 */
	@FunctionalInterface
	public interface Pause<E extends Exception> {

		/**
		 * Pause for at most the given time.
		 * @param longest the longest pause
		 * @throws E if the pause fails
		 */
		void pause(Duration longest) throws E;

	}

}

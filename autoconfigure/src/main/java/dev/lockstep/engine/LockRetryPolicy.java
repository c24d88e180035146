package dev.lockstep.engine;

import java.time.Duration;

/**
 * How often a changeset that gave up waiting for a table lock runs again, and how long
 * it pauses first: the first pause, then twice as long each time.
 *
 * @param retries how many times it runs again
 * @param firstPause the pause before the first retry
 */
public record LockRetryPolicy(int retries, Duration firstPause) {

	/**
	 * No retries.
	 */
	public static final LockRetryPolicy NONE = new LockRetryPolicy(0, Duration.ZERO);

	public LockRetryPolicy {
		if (retries < 0) {
			throw new IllegalArgumentException("The number of lock retries must not be negative, but is " + retries);
		}
		if (firstPause.isNegative()) {
			throw new IllegalArgumentException("The lock retry pause must not be negative, but is " + firstPause);
		}
	}

	/**
	 * Return the pause before a retry.
	 * @param retry the retry, from 1
	 * @return the pause
	 */
	public Duration pauseBefore(int retry) {
		return this.firstPause.multipliedBy(1L << Math.min(retry - 1, 20));
	}

}

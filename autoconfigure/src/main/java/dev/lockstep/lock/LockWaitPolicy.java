package dev.lockstep.lock;

import java.time.Duration;

/**
 * How long and how a process waits for a migration lock another session holds.
 *
 * @param timeout the longest total wait before giving up
 * @param pollInterval the longest pause between attempts when no release signal arrives
 * (a holder that died sends none)
 * @param progressInterval how often a waiting process logs who holds the lock
 */
public record LockWaitPolicy(Duration timeout, Duration pollInterval, Duration progressInterval) {

	public LockWaitPolicy {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("Lock wait timeout must not be negative");
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("Lock poll interval must be positive");
		}
	}

}

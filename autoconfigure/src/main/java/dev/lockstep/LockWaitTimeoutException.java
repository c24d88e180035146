package dev.lockstep;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the migration lock stayed held by another session for longer than the
 * configured wait timeout.
 */
public final class LockWaitTimeoutException extends LockstepException {

	private final String lockDescription;

	private final @Nullable String holder;

	public LockWaitTimeoutException(String lockDescription, Duration timeout, @Nullable String holder) {
		super(EXIT_LOCK_TIMEOUT, "Timed out after %s waiting for %s, held by %s".formatted(Durations.format(timeout), lockDescription,
				(holder != null) ? holder : "a session that could not be identified"));
		this.lockDescription = lockDescription;
		this.holder = holder;
	}

	/**
	 * Return the lock that was waited for.
	 * @return the lock description
	 */
	public String getLockDescription() {
		return this.lockDescription;
	}

	/**
	 * Return who held the lock when the wait gave up.
	 * @return the holder, or {@code null} if it could not be identified
	 */
	public @Nullable String getHolder() {
		return this.holder;
	}

	@Override
	public String getAction() {
		return "Check that the holder named above is still making progress. If it is a migration that "
				+ "takes long, raise 'lockstep.lock.wait-timeout'; if it is stuck, end that session.";
	}

}

package dev.lockstep;

/**
 * Thrown when a wait for the migration lock ends because the process is shutting down or
 * the waiting thread was interrupted.
 */
public final class LockWaitCancelledException extends LockstepException {

	public LockWaitCancelledException(String lockDescription, String reason) {
		super(EXIT_CANCELLED, "Gave up waiting for %s: %s".formatted(lockDescription, reason));
	}

	@Override
	public String getAction() {
		return "No action is needed: the run was stopped while it waited for another instance to "
				+ "finish migrating.";
	}

}

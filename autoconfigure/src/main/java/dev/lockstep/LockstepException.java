package dev.lockstep;

/**
 * Base of every error Lockstep raises. Each subtype names one problem a person can act on.
 */
public abstract sealed class LockstepException extends RuntimeException
		permits LockWaitTimeoutException, LockWaitCancelledException, MigrationFailedException,
		DatabaseUnreachableException, OperationRefusedException {

	protected LockstepException(String message) {
		super(message);
	}

	protected LockstepException(String message, Throwable cause) {
		super(message, cause);
	}

}

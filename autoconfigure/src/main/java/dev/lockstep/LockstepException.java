package dev.lockstep;

/**
 * Base of every error Lockstep raises. Each subtype names one problem a person can act on,
 * and gives the process exit code that tells it apart in {@code migrate-only} and command
 * mode.
 */
public abstract sealed class LockstepException extends RuntimeException
		permits LockWaitTimeoutException, LockWaitCancelledException, MigrationFailedException,
		DatabaseUnreachableException, OperationRefusedException, PendingChangesetsException, UnknownPropertyException,
		TransactionPoolingException, LintFindingsException, SchemaComparisonFailedException {

	/**
	 * Exit code of a configuration error, such as an unknown {@code lockstep.*} property.
	 */
	public static final int EXIT_INVALID_CONFIGURATION = 1;

	/**
	 * Exit code of an operation that was refused, or a schema that is not up to date in
	 * {@code validate} mode.
	 */
	public static final int EXIT_REFUSED = 2;

	/**
	 * Exit code of a changeset (or Liquibase itself) that failed.
	 */
	public static final int EXIT_MIGRATION_FAILED = 3;

	/**
	 * Exit code of a wait for the migration lock that timed out.
	 */
	public static final int EXIT_LOCK_TIMEOUT = 4;

	/**
	 * Exit code of a database that could not be reached.
	 */
	public static final int EXIT_DATABASE_UNREACHABLE = 5;

	/**
	 * Exit code of a wait for the migration lock that was given up on shutdown.
	 */
	public static final int EXIT_CANCELLED = 6;

	private final int exitCode;

	protected LockstepException(int exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	protected LockstepException(int exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	/**
	 * Return what a person can do about this failure.
	 * @return one or two sentences
	 */
	public abstract String getAction();

	/**
	 * Return the process exit code that tells this failure apart in {@code migrate-only}
	 * and command mode.
	 * @return the exit code
	 */
	public int getExitCode() {
		return this.exitCode;
	}

}

package dev.lockstep;

/**
 * Thrown when {@code check} or {@code revision} could not compare the model with the
 * database: the model failed to build in its scratch schema, or Liquibase's diff failed.
 * The target database was only read, the scratch schema is gone, and no file was written.
 */
public final class SchemaComparisonFailedException extends LockstepException {

	public SchemaComparisonFailedException(String reference, Throwable cause) {
		super(EXIT_MIGRATION_FAILED,
				"Comparing %s with the database failed: %s".formatted(reference, Throwables.rootMessage(cause)), cause);
	}

	@Override
	public String getAction() {
		return "Nothing was changed and no file was written (the scratch schema was rolled back). Fix the model, or "
				+ "the database error named above, and run the command again.";
	}

}

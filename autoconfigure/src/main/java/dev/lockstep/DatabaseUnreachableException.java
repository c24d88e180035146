package dev.lockstep;

/**
 * Thrown when no connection to the migration database could be opened.
 */
public final class DatabaseUnreachableException extends LockstepException {

	private final String database;

	public DatabaseUnreachableException(String database, Throwable cause) {
		super(EXIT_DATABASE_UNREACHABLE, "Cannot connect to %s: %s".formatted(database, Throwables.rootMessage(cause)), cause);
		this.database = database;
	}

	/**
	 * Return a description of the database that could not be reached (host, port and
	 * database name where known; never credentials).
	 * @return the database description
	 */
	public String getDatabase() {
		return this.database;
	}

	@Override
	public String getAction() {
		return "Check that the database is running and reachable at the address above, and review "
				+ "'spring.datasource.*' (or 'spring.liquibase.url', '.user', '.password').";
	}

}

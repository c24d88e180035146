package dev.lockstep.test.roundtrip;

/**
 * Thrown by {@link MigrationRoundTrip#verify()} when a changeset's rollback does not
 * restore the schema, a changeset has no rollback, or the head differs from a straight
 * apply. Its message names each changeset and shows the differences.
 */
public class RoundTripFailure extends AssertionError {

	private static final long serialVersionUID = 1L;

	private final transient RoundTripReport report;

	/**
	 * Create a new instance.
	 * @param report what the round trip found
	 */
	public RoundTripFailure(RoundTripReport report) {
		super("Migration round trip failed:\n" + report.describe());
		this.report = report;
	}

	/**
	 * Return what the round trip found.
	 * @return the report
	 */
	public RoundTripReport getReport() {
		return this.report;
	}

}

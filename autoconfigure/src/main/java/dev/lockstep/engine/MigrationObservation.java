package dev.lockstep.engine;

import java.util.function.Supplier;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.PendingChangesetsException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The one Observation, {@value #NAME}, around every migration operation: the startup run,
 * and every upgrade, downgrade and stamp whether the endpoint or a command asked for it. It
 * carries the operation, its outcome ({@code success}, {@code refused} or
 * {@code failure}) and the migration's name; with Micrometer's meter handler it is also
 * the timer of the same name.
 *
 * @param registry where observations go
 * @param migration the migration's name
 */
public record MigrationObservation(ObservationRegistry registry, String migration) {

	/**
	 * The Observation's name.
	 */
	public static final String NAME = "lockstep.migration";

	/**
	 * Return an instance that observes nothing.
	 * @param migration the migration's name
	 * @return the instance
	 */
	public static MigrationObservation none(String migration) {
		return new MigrationObservation(ObservationRegistry.NOOP, migration);
	}

	/**
	 * Run an operation inside the Observation.
	 * @param <T> the result type
	 * @param operation the operation, such as {@code startup} or {@code upgrade}
	 * @param dryRun whether it only returns SQL
	 * @param work the operation
	 * @return its result
	 */
	public <T> T observe(String operation, boolean dryRun, Supplier<T> work) {
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("lockstep " + operation)
			.lowCardinalityKeyValue("operation", operation)
			.lowCardinalityKeyValue("dry-run", String.valueOf(dryRun))
			.lowCardinalityKeyValue("migration", this.migration)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = work.get();
			observation.lowCardinalityKeyValue("outcome", "success");
			return result;
		}
		catch (RuntimeException ex) {
			observation.lowCardinalityKeyValue("outcome", outcome(ex)).error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static String outcome(RuntimeException failure) {
		boolean refused = failure instanceof OperationRefusedException || failure instanceof LockWaitTimeoutException
				|| failure instanceof PendingChangesetsException;
		return refused ? "refused" : "failure";
	}

}

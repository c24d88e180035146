package dev.lockstep.actuate;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer metrics of the migrations: {@code lockstep.migrations.pending},
 * {@code lockstep.migrations.applied}, {@code lockstep.migration.duration} (by operation
 * and outcome) and {@code lockstep.lock.wait}.
 */
public class MigrationMetrics implements MeterBinder {

	private final PendingChangesets pendingChangesets;

	private final MigrationActivity activity;

	/**
	 * Create a new instance.
	 * @param pendingChangesets where the database stands
	 * @param activity what ran so far
	 */
	public MigrationMetrics(PendingChangesets pendingChangesets, MigrationActivity activity) {
		this.pendingChangesets = pendingChangesets;
		this.activity = activity;
	}

	/**
	 * Binds the pending gauge, the applied counter and the lock wait timer; the duration
	 * of each run is the timer of the {@code lockstep.migration} Observation. The names
	 * under {@code lockstep.migrations.*} of earlier versions stay, deprecated, for one
	 * release.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : List.of("lockstep.migration.pending", "lockstep.migrations.pending")) {
			Gauge.builder(name, this.pendingChangesets, (pendingChangesets) -> pendingChangesets.read().pendingCount())
				.description(description("Changesets pending in the changelog", name))
				.register(registry);
		}
		for (String name : List.of("lockstep.migration.applied", "lockstep.migrations.applied")) {
			FunctionCounter.builder(name, this.activity, MigrationActivity::appliedTotal)
				.description(description("Changesets this application applied, at startup and by upgrades", name))
				.register(registry);
		}
		this.activity.onLockWait((waited) -> Timer.builder("lockstep.lock.wait")
			.description("Time spent waiting for the migration lock")
			.register(registry)
			.record(waited));
	}

	private static String description(String description, String name) {
		return name.startsWith("lockstep.migrations.")
				? description + " (deprecated: use " + name.replace("lockstep.migrations.", "lockstep.migration.") + ")"
				: description;
	}

}

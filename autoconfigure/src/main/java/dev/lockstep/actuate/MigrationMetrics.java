package dev.lockstep.actuate;

import java.util.Locale;

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

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("lockstep.migrations.pending", this.pendingChangesets,
				(pendingChangesets) -> pendingChangesets.read().pendingCount())
			.description("Changesets pending in the changelog")
			.register(registry);
		FunctionCounter.builder("lockstep.migrations.applied", this.activity, MigrationActivity::appliedTotal)
			.description("Changesets this application applied, at startup and by upgrades")
			.register(registry);
		this.activity.onRun((run) -> Timer.builder("lockstep.migration.duration")
			.description("Time taken by migration runs and operations")
			.tag("operation", run.operation())
			.tag("outcome", run.outcome().name().toLowerCase(Locale.ROOT))
			.register(registry)
			.record(run.duration()));
		this.activity.onLockWait((waited) -> Timer.builder("lockstep.lock.wait")
			.description("Time spent waiting for the migration lock")
			.register(registry)
			.record(waited));
	}

}

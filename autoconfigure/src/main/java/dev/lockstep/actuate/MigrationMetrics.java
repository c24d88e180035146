package dev.lockstep.actuate;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer metrics of the migrations: {@code lockstep.migration.pending},
 * {@code lockstep.migration.applied} and {@code lockstep.lock.wait}, each tagged with
 * {@code migration}, the migration's name.
 */
public class MigrationMetrics implements MeterBinder {

	private static final String MIGRATION_TAG = "migration";

	private final List<MonitoredMigration> migrations;

	/**
	 * Create a new instance.
	 * @param migrations the application's migrations
	 */
	public MigrationMetrics(List<MonitoredMigration> migrations) {
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * Binds the pending gauge, the applied counter and the lock wait timer; the duration
	 * of each run is the timer of the {@code lockstep.migration} Observation. The names
	 * under {@code lockstep.migrations.*} of earlier versions stay, deprecated, for one
	 * release.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		this.migrations.forEach((migration) -> bindTo(registry, migration));
	}

	private void bindTo(MeterRegistry registry, MonitoredMigration migration) {
		Tags tags = Tags.of(MIGRATION_TAG, migration.name());
		for (String name : List.of("lockstep.migration.pending", "lockstep.migrations.pending")) {
			Gauge.builder(name, migration.pending(), (pendingChangesets) -> pendingChangesets.read().pendingCount())
				.description(description("Changesets pending in the changelog", name))
				.tags(tags)
				.register(registry);
		}
		for (String name : List.of("lockstep.migration.applied", "lockstep.migrations.applied")) {
			FunctionCounter.builder(name, migration.activity(), MigrationActivity::appliedTotal)
				.description(description("Changesets this application applied, at startup and by upgrades", name))
				.tags(tags)
				.register(registry);
		}
		migration.activity()
			.onLockWait((waited) -> Timer.builder("lockstep.lock.wait")
				.description("Time spent waiting for the migration lock")
				.tags(tags)
				.register(registry)
				.record(waited));
	}

	private static String description(String description, String name) {
		return name.startsWith("lockstep.migrations.")
				? description + " (deprecated: use " + name.replace("lockstep.migrations.", "lockstep.migration.") + ")"
				: description;
	}

}

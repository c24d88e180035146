package dev.lockstep.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the migrations: {@code DOWN} after a failed run or operation, or with pending
 * changesets where the application must not run ahead of its schema (validate mode);
 * otherwise {@code UP}, with the current revision and what is pending.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final PendingChangesets pendingChangesets;

	private final MigrationActivity activity;

	private final boolean pendingIsDown;

	/**
	 * Create a new instance.
	 * @param pendingChangesets where the database stands
	 * @param activity what ran so far
	 * @param pendingIsDown whether pending changesets make the health {@code DOWN}
	 */
	public MigrationsHealthIndicator(PendingChangesets pendingChangesets, MigrationActivity activity,
			boolean pendingIsDown) {
		super("Migrations health check failed");
		this.pendingChangesets = pendingChangesets;
		this.activity = activity;
		this.pendingIsDown = pendingIsDown;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		PendingChangesets.Summary status = this.pendingChangesets.read();
		builder.withDetail("current", (status.current() != null) ? status.current().describe() : "none")
			.withDetail("pendingCount", status.pendingCount());
		MigrationActivity.Run failed = this.activity.lastRun()
			.filter((run) -> run.outcome() == MigrationActivity.Outcome.FAILURE)
			.orElse(null);
		if (failed != null) {
			builder.down().withDetail("lastError", failed.operation() + ": " + failed.error());
		}
		else if (this.pendingIsDown && status.pendingCount() > 0) {
			builder.down().withDetail("reason", "changesets are pending and lockstep.mode is validate");
		}
		else {
			builder.up();
		}
	}

}

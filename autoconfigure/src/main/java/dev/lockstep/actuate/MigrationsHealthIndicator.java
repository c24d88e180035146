package dev.lockstep.actuate;

import dev.lockstep.engine.MigrationStatus;
import dev.lockstep.engine.Migrator;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the migrations: {@code DOWN} after a failed run or operation, otherwise
 * {@code UP}, with the current revision and what is pending.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final Migrator migrator;

	private final MigrationActivity activity;

	public MigrationsHealthIndicator(Migrator migrator, MigrationActivity activity) {
		super("Migrations health check failed");
		this.migrator = migrator;
		this.activity = activity;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationStatus status = this.migrator.status();
		builder.withDetail("current", (status.current() != null) ? status.current().describe() : "none")
			.withDetail("pendingCount", status.pendingCount());
		this.activity.lastRun()
			.filter((run) -> run.outcome() == MigrationActivity.Outcome.FAILURE)
			.ifPresentOrElse((failed) -> builder.down()
				.withDetail("lastError", failed.operation() + ": " + failed.error()), builder::up);
	}

}

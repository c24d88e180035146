package dev.lockstep.actuate;

import java.time.Duration;
import java.time.Instant;

import dev.lockstep.event.LockstepEvent;
import dev.lockstep.event.MigrationFailedEvent;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.startup.StartupMigrationResult;

import org.springframework.context.ApplicationListener;

/**
 * Records the startup run and its lock wait in the {@link MigrationActivity}.
 */
public class MigrationActivityListener implements ApplicationListener<LockstepEvent> {

	private final MigrationActivity activity;

	public MigrationActivityListener(MigrationActivity activity) {
		this.activity = activity;
	}

	@Override
	public void onApplicationEvent(LockstepEvent event) {
		if (event instanceof MigrationsAppliedEvent applied) {
			StartupMigrationResult result = applied.getResult();
			if (result.lock() != null && result.lock().advisory()) {
				// Once per start: a waiter can take the lock twice, shared to check, then to migrate.
				this.activity.recordLockWait(result.lock().waited());
			}
			this.activity.record(new MigrationActivity.Run("startup", false, Instant.now(), result.duration(),
					MigrationActivity.Outcome.SUCCESS, result.applied(), null));
		}
		else if (event instanceof MigrationFailedEvent failed) {
			this.activity.record(new MigrationActivity.Run("startup", false, Instant.now(), Duration.ZERO,
					MigrationActivity.Outcome.FAILURE, 0, failed.getFailure().getMessage()));
		}
	}

}

package dev.lockstep.actuate;

import java.time.Duration;
import java.time.Instant;

import dev.lockstep.event.LockstepEvent;
import dev.lockstep.event.MigrationFailedEvent;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationStartedEvent;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.event.StartupMigrationResult;

import org.springframework.context.ApplicationListener;

/**
 * Records each migration's startup run and its lock wait in that migration's
 * {@link MigrationActivity}.
 */
public class MigrationActivityListener implements ApplicationListener<LockstepEvent> {

	private final MigrationActivities activities;

	private long startedAt;

	private boolean started;

	private boolean lockWaitRecorded;

	public MigrationActivityListener(MigrationActivity activity) {
		this(new MigrationActivities(activity));
	}

	/**
	 * Create a new instance for an application with several migrations.
	 * @param activities the activity of each migration
	 */
	public MigrationActivityListener(MigrationActivities activities) {
		this.activities = activities;
	}

	@Override
	public synchronized void onApplicationEvent(LockstepEvent event) {
		MigrationActivity activity = this.activities.of(event.getMigrationName());
		if (event instanceof MigrationStartedEvent) {
			this.startedAt = System.nanoTime();
			this.started = true;
			this.lockWaitRecorded = false;
		}
		else if (event instanceof MigrationLockAcquiredEvent acquired) {
			// Once per start, whatever its outcome: a waiter can take the lock twice, shared
			// to check, then to migrate.
			if (!this.lockWaitRecorded && acquired.getGrant().advisory()) {
				this.lockWaitRecorded = true;
				activity.recordLockWait(acquired.getGrant().waited());
			}
		}
		else if (event instanceof MigrationsAppliedEvent applied) {
			StartupMigrationResult result = applied.getResult();
			activity.record(new MigrationActivity.Run("startup", false, Instant.now(), result.duration(),
					MigrationActivity.Outcome.SUCCESS, result.applied(), null));
		}
		else if (event instanceof MigrationFailedEvent failed) {
			activity.record(new MigrationActivity.Run("startup", false, Instant.now(), sinceStart(),
					MigrationActivity.Outcome.FAILURE, 0, failed.getFailure().getMessage()));
		}
	}

	/**
	 * How long the failed start ran; zero for a check that failed before any run started
	 * ({@code lockstep.mode=validate}).
	 */
	private Duration sinceStart() {
		return this.started ? Duration.ofNanos(System.nanoTime() - this.startedAt) : Duration.ZERO;
	}

}

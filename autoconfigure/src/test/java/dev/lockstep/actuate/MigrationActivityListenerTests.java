package dev.lockstep.actuate;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.PendingChangesetsException;
import dev.lockstep.event.MigrationFailedEvent;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationStartedEvent;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationActivityListener}.
 */
class MigrationActivityListenerTests {

	private static final LockName LOCK = LockName.forChangelogTable("public", "databasechangelog");

	private final MigrationActivity activity = new MigrationActivity();

	private final MigrationActivityListener listener = new MigrationActivityListener(this.activity);

	private final List<Duration> lockWaits = new CopyOnWriteArrayList<>();

	MigrationActivityListenerTests() {
		this.activity.onLockWait(this.lockWaits::add);
	}

	@Test
	void startThatFailsAfterWaitingRecordsItsWaitOnceAndHowLongItRan() throws Exception {
		this.listener.onApplicationEvent(new MigrationStartedEvent(this));
		this.listener.onApplicationEvent(acquired(LockGrant.Mode.SHARED, Duration.ofMillis(1200)));
		this.listener.onApplicationEvent(acquired(LockGrant.Mode.EXCLUSIVE, Duration.ofMillis(1250)));
		Thread.sleep(20);
		this.listener.onApplicationEvent(new MigrationFailedEvent(this,
				new MigrationFailedException("changes.yaml::2::dev", "relation \"audit\" already exists",
						new SQLException("relation \"audit\" already exists"))));
		assertThat(this.lockWaits).containsExactly(Duration.ofMillis(1200));
		assertThat(this.activity.lastRun()).hasValueSatisfying((run) -> {
			assertThat(run.outcome()).isEqualTo(MigrationActivity.Outcome.FAILURE);
			assertThat(run.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
			assertThat(run.error()).contains("relation \"audit\" already exists");
		});
	}

	@Test
	void everyStartRecordsItsOwnWait() {
		this.listener.onApplicationEvent(new MigrationStartedEvent(this));
		this.listener.onApplicationEvent(acquired(LockGrant.Mode.EXCLUSIVE, Duration.ofMillis(5)));
		this.listener.onApplicationEvent(new MigrationStartedEvent(this));
		this.listener.onApplicationEvent(acquired(LockGrant.Mode.EXCLUSIVE, Duration.ofMillis(7)));
		assertThat(this.lockWaits).containsExactly(Duration.ofMillis(5), Duration.ofMillis(7));
	}

	@Test
	void runWithoutAnAdvisoryLockRecordsNoWait() {
		this.listener.onApplicationEvent(new MigrationStartedEvent(this));
		this.listener.onApplicationEvent(acquired(LockGrant.Mode.NONE, Duration.ZERO));
		assertThat(this.lockWaits).isEmpty();
	}

	@Test
	void failedValidationRecordsAFailureWithoutADuration() {
		this.listener.onApplicationEvent(
				new MigrationFailedEvent(this, new PendingChangesetsException(List.of("changes.yaml::3::dev"))));
		assertThat(this.activity.lastRun()).hasValueSatisfying((run) -> {
			assertThat(run.outcome()).isEqualTo(MigrationActivity.Outcome.FAILURE);
			assertThat(run.duration()).isZero();
		});
	}

	private MigrationLockAcquiredEvent acquired(LockGrant.Mode mode, Duration waited) {
		return new MigrationLockAcquiredEvent(this, new LockGrant(LOCK, mode, waited, null));
	}

}

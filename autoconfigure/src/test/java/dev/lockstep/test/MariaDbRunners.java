package dev.lockstep.test;

import java.time.Duration;
import java.util.List;

import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.mariadb.MariaDbLockProvider;

/**
 * Lockstep's MariaDB and MySQL parts, wired as the auto-configuration wires them, for
 * tests that build the engine by hand.
 */
public final class MariaDbRunners {

	private MariaDbRunners() {
	}

	/**
	 * Return a runner over MariaDB's parts: the user lock, and no session tuning.
	 * @param timeout the lock wait timeout
	 * @param applicationName the lock session's application name
	 * @param listener told of the lock's progress
	 * @return the runner
	 */
	public static LockedLiquibaseRunner runner(Duration timeout, String applicationName, LockListener listener) {
		return new LockedLiquibaseRunner(new MigrationLocks(List.of(new MariaDbLockProvider())), List.of(),
				new LockWaitPolicy(timeout, Duration.ofMillis(250), Duration.ofSeconds(10)),
				new LockSessionSettings(applicationName), listener);
	}

}

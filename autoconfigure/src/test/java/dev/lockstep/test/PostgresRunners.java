package dev.lockstep.test;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.postgres.PostgresLockProvider;
import dev.lockstep.postgres.PostgresSearchPath;

/**
 * Lockstep's PostgreSQL parts, wired as the auto-configuration wires them, for tests that
 * build the engine by hand.
 */
public final class PostgresRunners {

	private PostgresRunners() {
	}

	/**
	 * Return the lock providers of an application on PostgreSQL.
	 * @param dataSource the database the migrations run on
	 * @return the providers
	 */
	public static MigrationLocks locks(DataSource dataSource) {
		return new MigrationLocks(List.of(new PostgresLockProvider(Duration.ofSeconds(1), dataSource)));
	}

	/**
	 * Return a runner over PostgreSQL's parts.
	 * @param dataSource the database the migrations run on
	 * @param timeout the lock wait timeout
	 * @param applicationName the lock session's application name
	 * @param listener told of the lock's progress
	 * @return the runner
	 */
	public static LockedLiquibaseRunner runner(DataSource dataSource, Duration timeout, String applicationName,
			LockListener listener) {
		return new LockedLiquibaseRunner(locks(dataSource), List.of(new PostgresSearchPath()),
				new LockWaitPolicy(timeout, Duration.ofMillis(250), Duration.ofSeconds(10)),
				new LockSessionSettings(applicationName), listener);
	}

}

package dev.lockstep.mariadb;

import java.time.Duration;

import dev.lockstep.engine.AbstractMigratorTests;
import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.ClassDatabase;
import dev.lockstep.test.MariaDbRunners;
import dev.lockstep.test.MariaDbTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link dev.lockstep.engine.Migrator} tests on MariaDB: current, history, upgrade,
 * downgrade, stamp, their SQL, and the refusals.
 */
class MariaDbMigratorTests extends AbstractMigratorTests {

	@RegisterExtension
	static MariaDbTestDatabase database = MariaDbTestDatabase.emptyForEachTest();

	@Override
	protected ClassDatabase database() {
		return database;
	}

	@Override
	protected LockedLiquibaseRunner runner() {
		return MariaDbRunners.runner(Duration.ofSeconds(30), "migrator-test", LockListener.NONE);
	}

}

package dev.lockstep.mariadb;

import java.time.Duration;

import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.fastpath.AbstractFastPathTests;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.ClassDatabase;
import dev.lockstep.test.MariaDbRunners;
import dev.lockstep.test.MariaDbTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fast path on MariaDB: one query decides, and every change that could make something
 * pending sends the start down the full path.
 */
class MariaDbFastPathTests extends AbstractFastPathTests {

	@RegisterExtension
	static MariaDbTestDatabase database = MariaDbTestDatabase.emptyForEachTest();

	@Override
	protected ClassDatabase database() {
		return database;
	}

	@Override
	protected LockedLiquibaseRunner runner() {
		return MariaDbRunners.runner(Duration.ofSeconds(30), "fast-path-test", LockListener.NONE);
	}

}

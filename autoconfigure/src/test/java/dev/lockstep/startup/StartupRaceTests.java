package dev.lockstep.startup;

import dev.lockstep.lock.LockGrant;
import dev.lockstep.test.ServerDatabase;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The startup race on PostgreSQL, where waiters check side by side under the shared lock.
 */
class StartupRaceTests extends AbstractStartupRaceTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Override
	protected ServerDatabase database() {
		return database;
	}

	@Override
	protected LockGrant.Mode waitersCheckUnder() {
		return LockGrant.Mode.SHARED;
	}

}

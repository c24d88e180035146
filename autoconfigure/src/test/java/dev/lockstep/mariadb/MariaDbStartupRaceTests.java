package dev.lockstep.mariadb;

import dev.lockstep.lock.LockGrant;
import dev.lockstep.startup.AbstractStartupRaceTests;
import dev.lockstep.test.MariaDbTestDatabase;
import dev.lockstep.test.ServerDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The startup race on MariaDB, whose user lock has no shared mode: each waiter checks
 * under the exclusive lock, in turn.
 */
class MariaDbStartupRaceTests extends AbstractStartupRaceTests {

	@RegisterExtension
	static MariaDbTestDatabase database = new MariaDbTestDatabase();

	@Override
	protected ServerDatabase database() {
		return database;
	}

	@Override
	protected LockGrant.Mode waitersCheckUnder() {
		return LockGrant.Mode.EXCLUSIVE;
	}

	@Override
	protected String changelogTable() {
		return "DATABASECHANGELOG";
	}

}

package dev.lockstep.postgres;

import dev.lockstep.lock.LockGrant;
import dev.lockstep.startup.AbstractStartupRaceTests;
import dev.lockstep.test.PgBouncer;
import dev.lockstep.test.PgBouncer.PoolMode;
import dev.lockstep.test.ServerDatabase;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The startup race on PostgreSQL through PgBouncer in session pooling mode, which keeps
 * one server session per client: the advisory lock, its shared hold and {@code LISTEN}
 * work through it as on a direct connection.
 */
class PgBouncerStartupRaceTests extends AbstractStartupRaceTests {

	@RegisterExtension
	@Order(1)
	static TestDatabase database = new TestDatabase();

	@RegisterExtension
	@Order(2)
	static PgBouncer sessionPooling = new PgBouncer(database, PoolMode.SESSION);

	@Override
	protected ServerDatabase database() {
		return sessionPooling;
	}

	@Override
	protected LockGrant.Mode waitersCheckUnder() {
		return LockGrant.Mode.SHARED;
	}

}

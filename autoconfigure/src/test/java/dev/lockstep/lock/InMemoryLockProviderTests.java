package dev.lockstep.lock;

import java.sql.Connection;

/**
 * The lock protocol, through the contract, over an in-memory provider: no database needed
 * to see {@link MigrationLockTemplate} keep the promises every provider relies on.
 */
class InMemoryLockProviderTests extends MigrationLockProviderContractTests {

	private final InMemoryLockProvider provider = new InMemoryLockProvider();

	@Override
	protected MigrationLockProvider provider() {
		return this.provider;
	}

	@Override
	protected Connection newConnection() {
		return this.provider.connect();
	}

	@Override
	protected void terminate(Connection victim) {
		this.provider.terminate(victim);
	}

}

package dev.lockstep.postgres;

import dev.lockstep.lock.LockName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PostgresLockKey}.
 */
class PostgresLockKeyTests {

	@Test
	void applicationsWithTheirOwnChangelogTablesGetDifferentKeys() {
		assertThat(PostgresLockKey.of(LockName.forChangelogTable("billing", "DATABASECHANGELOG")))
			.isNotEqualTo(PostgresLockKey.of(LockName.forChangelogTable("orders", "DATABASECHANGELOG")));
	}

	/**
	 * Replicas of different Lockstep versions must agree on the key while they roll out.
	 */
	@Test
	void keyAndChannelNeverChangeAcrossVersions() {
		PostgresLockKey key = PostgresLockKey.of(new LockName("lockstep:public.databasechangelog"));
		assertThat(key.key()).isEqualTo(-6158374230330455813L);
		assertThat(key.channel()).isEqualTo("lockstep_aa890f44173bc8fb");
	}

}

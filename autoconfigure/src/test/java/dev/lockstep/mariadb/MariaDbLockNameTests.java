package dev.lockstep.mariadb;

import dev.lockstep.lock.LockName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock names fit {@code GET_LOCK}'s 64 characters and stay readable.
 */
class MariaDbLockNameTests {

	@Test
	void shortNameIsKeptAsItIs() {
		assertThat(MariaDbLockName.of(LockName.forChangelogTable("inventory", "DATABASECHANGELOG")).value())
			.isEqualTo("lockstep:inventory.databasechangelog");
	}

	@Test
	void longNamesKeepTheirStartAndDifferByTheirDigest() {
		String schema = "a_schema_with_a_name_long_enough_to_push_the_lock_name_past_the_limit";
		MariaDbLockName first = MariaDbLockName.of(LockName.forChangelogTable(schema, "changelog_one"));
		MariaDbLockName second = MariaDbLockName.of(LockName.forChangelogTable(schema, "changelog_two"));
		assertThat(first.value()).hasSize(MariaDbLockName.MAX_LENGTH).startsWith("lockstep:a_schema_with_a_name");
		assertThat(second.value()).hasSize(MariaDbLockName.MAX_LENGTH).isNotEqualTo(first.value());
		assertThat(MariaDbLockName.of(LockName.forChangelogTable(schema, "changelog_one"))).isEqualTo(first);
	}

}

package dev.lockstep.lock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LockName}.
 */
class LockNameTests {

	@Test
	void replicasOfOneApplicationDeriveTheSameName() {
		assertThat(LockName.forChangelogTable("Public", "DATABASECHANGELOG"))
			.isEqualTo(LockName.forChangelogTable("public", "databasechangelog"));
		assertThat(LockName.forChangelogTable("public", "DATABASECHANGELOG").value())
			.isEqualTo("lockstep:public.databasechangelog");
	}

	@Test
	void applicationsWithTheirOwnChangelogTablesGetDifferentKeys() {
		assertThat(LockName.forChangelogTable("billing", "DATABASECHANGELOG").key())
			.isNotEqualTo(LockName.forChangelogTable("orders", "DATABASECHANGELOG").key());
		assertThat(LockName.forChangelogTable(null, "DATABASECHANGELOG").value())
			.isEqualTo("lockstep:databasechangelog");
	}

	@Test
	void keyAndChannelAreStable() {
		LockName name = new LockName("lockstep:public.databasechangelog");
		assertThat(name.key()).isEqualTo(new LockName("lockstep:public.databasechangelog").key());
		assertThat(name.channel()).matches("lockstep_[0-9a-f]{16}");
	}

	@Test
	void blankNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LockName(" "))
			.withMessage("Lock name must not be blank");
	}

}

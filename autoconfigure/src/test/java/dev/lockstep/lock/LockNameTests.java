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
	void applicationsWithTheirOwnChangelogTablesGetDifferentNames() {
		assertThat(LockName.forChangelogTable("billing", "DATABASECHANGELOG"))
			.isNotEqualTo(LockName.forChangelogTable("orders", "DATABASECHANGELOG"));
		assertThat(LockName.forChangelogTable(null, "DATABASECHANGELOG").value())
			.isEqualTo("lockstep:databasechangelog");
	}

	@Test
	void blankNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LockName(" "))
			.withMessage("Lock name must not be blank");
	}

}

package dev.lockstep.autoconfigure;

import dev.lockstep.engine.LockstepLockService;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockstepRuntimeHints}.
 */
class LockstepRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	LockstepRuntimeHintsTests() {
		new LockstepRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void changelogsAtBootsDefaultLocationAreIncluded() {
		assertThat(RuntimeHintsPredicates.resource().forResource("db/changelog/db.changelog-master.yaml"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/changelog/changes/001-catalog.yaml"))
			.accepts(this.hints);
	}

	@Test
	void liquibaseCanLoadLockstepsLockService() {
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/services/liquibase.lockservice.LockService"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(LockstepLockService.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

}

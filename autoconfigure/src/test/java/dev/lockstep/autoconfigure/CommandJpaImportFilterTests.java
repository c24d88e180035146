package dev.lockstep.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommandJpaImportFilter}: JPA stays out of command runs that do not
 * compare the model, so that they never boot Hibernate.
 */
class CommandJpaImportFilterTests {

	private static final String[] CANDIDATES = {
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
			LockstepAutoConfiguration.class.getName(), null };

	@Test
	void helpAndTheOtherCommandsRunWithoutJpa() {
		assertThat(match("help")).containsExactly(false, false, true, true);
		assertThat(match("upgrade")).containsExactly(false, false, true, true);
		assertThat(match("no-such-command")).containsExactly(false, false, true, true);
	}

	@Test
	void checkAndRevisionBuildTheModelWithJpa() {
		assertThat(match("check")).containsExactly(true, true, true, true);
		assertThat(match("REVISION")).containsExactly(true, true, true, true);
	}

	@Test
	void anApplicationStartKeepsJpa() {
		assertThat(match(null)).containsExactly(true, true, true, true);
	}

	private static boolean[] match(@Nullable String command) {
		MockEnvironment environment = new MockEnvironment();
		if (command != null) {
			environment.setProperty("lockstep.command", command);
		}
		CommandJpaImportFilter filter = new CommandJpaImportFilter();
		filter.setEnvironment(environment);
		return filter.match(CANDIDATES, null);
	}

}

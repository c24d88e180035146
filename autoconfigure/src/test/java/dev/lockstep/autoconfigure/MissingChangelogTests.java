package dev.lockstep.autoconfigure;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A changelog that is not there is reported as a missing changelog, as Spring Boot
 * reports it, not as a changeset to fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingChangelogTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void missingChangelogIsNamedAsSuch(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(MigratingConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties(database.datasourceProperties())
			.properties("spring.liquibase.change-log=classpath:db/nope/changelog.yaml", "spring.main.banner-mode=off")
			.run()).havingRootCause().withMessage("classpath:db/nope/changelog.yaml does not exist");
		String failure = output.getOut().substring(output.getOut().indexOf("APPLICATION FAILED TO START"));
		assertThat(failure)
			.contains("Liquibase failed to start because no changelog could be found at "
					+ "'classpath:db/nope/changelog.yaml'.")
			.contains("Make sure a Liquibase changelog is present at the configured path")
			.doesNotContain("changeset");
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void otherFailuresOutsideAChangesetKeepLiquibasesWords() {
		MigrationFailedException failure = new MigrationFailedException(null, "unexpected token",
				new IllegalStateException("unexpected token"));
		assertThat(failure).hasMessage("Liquibase update failed: unexpected token");
		assertThat(failure.getAction()).startsWith("Correct the changelog as the error above says");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
			LiquibaseAutoConfiguration.class })
	static class MigratingConfiguration {

	}

}

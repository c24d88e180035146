package dev.lockstep.postgres.lint;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint of every changeset of the test suite's PostgreSQL changelogs (as
 * {@code --lockstep.command=lint --lockstep.target=base} runs it): each finding is fixed or
 * acknowledged in its changeset.
 */
class TestChangelogLintTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@ParameterizedTest
	@ValueSource(strings = { "atomic", "basic", "failing", "index", "ops", "progress", "race", "rerun", "searchpath",
			"slow" })
	void changelogIsCleanOrAcknowledged(String name) {
		Migrator migrator = new Migrator(database.dataSource(), new DefaultResourceLoader(),
				MigrationSettings.of("classpath:db/" + name + "/changelog.yaml"),
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(10), "lint", LockListener.NONE));
		LintReport report = new MigrationLint(List.of(new PostgresLintDialect()), Set.of(), true).lint(migrator, true);
		assertThat(report.findings()).as(report.describe()).isEmpty();
		assertThat(report.statements()).isPositive();
	}

}

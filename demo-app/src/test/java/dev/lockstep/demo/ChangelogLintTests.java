package dev.lockstep.demo;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.lock.LockListener;
import dev.lockstep.postgres.lint.PostgresLintDialect;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint of every changeset of the demo's changelog, as
 * {@code --lockstep.command=lint --lockstep.target=base} runs it: each finding is fixed or
 * acknowledged in its changeset.
 */
class ChangelogLintTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	private final MigrationLint lint = new MigrationLint(List.of(new PostgresLintDialect()), Set.of(), true);

	private final Migrator migrator = new Migrator(database.dataSource(), new DefaultResourceLoader(),
			MigrationSettings.of("classpath:db/changelog/db.changelog-master.yaml"),
			PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(10), "lint", LockListener.NONE));

	@Test
	void everyChangesetIsCleanOrAcknowledged() {
		LintReport report = this.lint.lint(this.migrator, true);
		assertThat(report.findings()).as(report.describe()).isEmpty();
		assertThat(report.changeSets()).isEqualTo(10);
	}

	/**
	 * The release after v2, checked as its deployment would check it: its changesets alter
	 * tables that exist, with rows.
	 */
	@Test
	void releaseAfterV2IsCleanOnTheSchemaOfV2() {
		this.migrator.upgrade("v2", false);
		LintReport report = this.lint.lint(this.migrator, false);
		assertThat(report.findings()).as(report.describe()).isEmpty();
		assertThat(report.changeSets()).isEqualTo(3);
	}

}

package dev.lockstep.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.lockstep.LintFindingsException;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lockstep.lint.on-startup}: the pending changesets are linted before the start
 * applies them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LintOnStartupTests {

	private static final String FINDING = "index-not-concurrent: file:";

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path directory;

	private String changelog;

	@BeforeEach
	void changelogIndexingABusyTable() throws IOException {
		database.jdbc().execute("CREATE TABLE busy (id int PRIMARY KEY, c int)");
		this.changelog = "file:" + Files.writeString(this.directory.resolve("changelog.sql"), """
				--liquibase formatted sql

				--changeset t:index
				CREATE INDEX busy_c ON busy (c);
				""").toAbsolutePath();
	}

	@Test
	void failStopsTheStartBeforeAnythingIsApplied() {
		assertThat(MigratingApplication.failedStart(LintFindingsException.class, database, this.changelog,
				"lockstep.lint.on-startup=fail"))
			.hasMessageContaining("lockstep.lint.on-startup is fail; nothing was applied")
			.hasMessageContaining(FINDING)
			.hasMessageContaining("changelog.sql::index::t")
			.hasMessageContaining("CREATE INDEX busy_c ON busy (c)");
		assertThat(indexes()).isZero();
		assertThat(database.appliedIds()).isEmpty();
	}

	@Test
	void warnByDefaultLogsTheFindingsThenMigrates(CapturedOutput output) {
		MigratingApplication.start(database, this.changelog).close();
		assertThat(output).contains("lockstep.lint.on-startup is warn").contains(FINDING);
		assertThat(indexes()).isOne();
		MigratingApplication.start(database, this.changelog).close();
		assertThat(output.getOut().split(FINDING, -1)).as("the start with nothing pending lints nothing").hasSize(2);
	}

	@Test
	void offLintsNothing(CapturedOutput output) {
		MigratingApplication.start(database, this.changelog, "lockstep.lint.on-startup=off").close();
		assertThat(output).doesNotContain(FINDING);
		assertThat(indexes()).isOne();
	}

	private static int indexes() {
		return database.jdbc()
			.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname = 'busy_c'", Integer.class);
	}

}

package dev.lockstep.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.lockstep.engine.HistoryQuery;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.lock.LockListener;
import dev.lockstep.postgres.lint.PostgresLintDialect;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --lockstep.command=lint}: the findings as text or JSON, exit code 2 on findings.
 */
class LintCommandTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path directory;

	private Migrator migrator;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@BeforeEach
	void changelog() throws IOException {
		database.jdbc().execute("CREATE TABLE busy (id int PRIMARY KEY, c int)");
		Path changelog = Files.writeString(this.directory.resolve("changelog.sql"), """
				--liquibase formatted sql

				--changeset t:column
				ALTER TABLE busy ADD COLUMN note text;

				--changeset t:index
				CREATE INDEX busy_c ON busy (c);
				""");
		this.migrator = new Migrator(database.dataSource(), new DefaultResourceLoader(),
				MigrationSettings.of("file:" + changelog.toAbsolutePath()),
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(10), "lint", LockListener.NONE));
	}

	@Test
	void findingsArePrintedAndExitWithTwo() {
		assertThat(runLint(null, null)).isEqualTo(2);
		assertThat(output()).contains("index-not-concurrent: file:")
			.contains("changelog.sql::index::t")
			.contains("  CREATE INDEX busy_c ON busy (c)")
			.contains("Why: CREATE INDEX holds a SHARE lock")
			.contains("Instead: CREATE INDEX CONCURRENTLY")
			.contains("1 finding in 2 statements of 2 changesets (postgresql)");
	}

	@Test
	void jsonHasEveryFinding() {
		assertThat(runLint(null, new JsonReport(JsonMapper.builder().build()))).isEqualTo(2);
		JsonNode report = JsonMapper.builder().build().readTree(output());
		assertThat(report.get("database").asString()).isEqualTo("postgresql");
		assertThat(report.get("changeSets").asInt()).isEqualTo(2);
		assertThat(report.get("findings")).singleElement().satisfies((finding) -> {
			assertThat(finding.get("rule").asString()).isEqualTo("index-not-concurrent");
			assertThat(finding.get("changeSet").asString()).endsWith("changelog.sql::index::t");
			assertThat(finding.get("statement").asString()).isEqualTo("CREATE INDEX busy_c ON busy (c)");
			assertThat(finding.get("why").asString()).isNotBlank();
			assertThat(finding.get("safeRewrite").asString()).isNotBlank();
		});
	}

	@Test
	void nothingPendingIsCleanAndBaseChecksEveryChangeset() {
		this.migrator.upgrade("head", false);
		assertThat(runLint(null, null)).isZero();
		assertThat(output()).contains("0 findings in 0 statements of 0 changesets");
		this.out.reset();
		assertThat(runLint("base", null)).isEqualTo(2);
		assertThat(output()).contains("index-not-concurrent");
	}

	private int runLint(@Nullable String target, @Nullable JsonReport json) {
		RunModeRunner runner = new RunModeRunner(this.migrator, new GenericApplicationContext(), "lint", target,
				false, HistoryQuery.of(null, null, null, true), json, "migrate",
				new PrintStream(this.out, true, StandardCharsets.UTF_8), System.err);
		runner.setLint(new MigrationLint(List.of(new PostgresLintDialect()), Set.of(), true));
		return runner.runCommand("lint");
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}

package dev.lockstep.postgres.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.lint.LintFinding;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PostgreSQL rule against the SQL Liquibase generates for a real database: a
 * changeset that trips it, and its safe rewrite that passes.
 */
class PostgresLintTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path directory;

	@BeforeEach
	void existingTables() {
		database.jdbc()
			.execute("CREATE TABLE parent (id int PRIMARY KEY); "
					+ "CREATE TABLE busy (id int PRIMARY KEY, c int, parent_id int, old_name text)");
	}

	@Test
	void indexWithoutConcurrentlyOnAnExistingTableTrips() throws IOException {
		assertThat(rules("""
				--changeset t:1
				CREATE INDEX busy_c ON busy (c);
				""")).containsExactly("index-not-concurrent");
		assertThat(rules("""
				--changeset t:1 runInTransaction:false
				CREATE INDEX CONCURRENTLY busy_c ON busy (c);
				""")).isEmpty();
	}

	@Test
	void indexOnATableTheChangesetsCreatePasses() throws IOException {
		assertThat(rules("""
				--changeset t:1
				CREATE TABLE fresh (id int, c int);
				--changeset t:2
				CREATE INDEX fresh_c ON fresh (c);
				""")).isEmpty();
	}

	@Test
	void liquibaseChangesAreCheckedAsLiquibaseGeneratesThem() throws IOException {
		LintReport report = lint("changelog.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: index
				      author: t
				      changes:
				        - createIndex:
				            tableName: busy
				            indexName: busy_c
				            columns:
				              - column:
				                  name: c
				""", true, Set.of());
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("index-not-concurrent");
			assertThat(finding.changeSet()).endsWith("changelog.yaml::index::t");
			assertThat(finding.statement()).startsWith("CREATE INDEX busy_c ON public.busy");
			assertThat(finding.why()).contains("SHARE lock");
			assertThat(finding.safeRewrite()).contains("CONCURRENTLY");
		});
	}

	@Test
	void sqlFilesAreChecked() throws IOException {
		write("index.sql", "CREATE INDEX busy_c ON busy (c);\n");
		assertThat(lint("changelog.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: index
				      author: t
				      changes:
				        - sqlFile:
				            path: index.sql
				            relativeToChangelogFile: true
				""", true, Set.of()).findings()).extracting(LintFinding::rule).containsExactly("index-not-concurrent");
	}

	@Test
	void concurrentIndexInATransactionTrips() throws IOException {
		assertThat(rules("""
				--changeset t:1
				CREATE INDEX CONCURRENTLY busy_c ON busy (c);
				""")).containsExactly("concurrent-index-in-transaction");
	}

	@Test
	void columnWithAVolatileDefaultTrips() throws IOException {
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD COLUMN token uuid DEFAULT gen_random_uuid();
				""")).containsExactly("table-rewrite");
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD COLUMN token uuid;
				ALTER TABLE busy ALTER COLUMN token SET DEFAULT gen_random_uuid();
				ALTER TABLE busy ADD COLUMN flag boolean DEFAULT false;
				""")).isEmpty();
	}

	@Test
	void serialColumnAndTypeChangeTrip() throws IOException {
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD COLUMN n bigserial;
				--changeset t:2
				ALTER TABLE busy ALTER COLUMN c TYPE bigint;
				""")).containsExactly("table-rewrite", "table-rewrite");
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD COLUMN c_wide bigint;
				""")).isEmpty();
	}

	@Test
	void setNotNullTripsUnlessAValidatedCheckProvesIt() throws IOException {
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ALTER COLUMN c SET NOT NULL;
				""")).containsExactly("set-not-null");
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD CONSTRAINT busy_c_not_null CHECK (c IS NOT NULL) NOT VALID;
				--changeset t:2
				ALTER TABLE busy VALIDATE CONSTRAINT busy_c_not_null;
				ALTER TABLE busy ALTER COLUMN c SET NOT NULL;
				ALTER TABLE busy DROP CONSTRAINT busy_c_not_null;
				""")).isEmpty();
	}

	@Test
	void setNotNullAfterACheckThatWasNeverValidatedTrips() throws IOException {
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD CONSTRAINT busy_c_not_null CHECK (c IS NOT NULL) NOT VALID;
				ALTER TABLE busy ALTER COLUMN c SET NOT NULL;
				""")).containsExactly("set-not-null");
	}

	@Test
	void foreignKeyOrCheckWithoutNotValidTrips() throws IOException {
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD CONSTRAINT busy_parent FOREIGN KEY (parent_id) REFERENCES parent (id);
				--changeset t:2
				ALTER TABLE busy ADD CONSTRAINT busy_c_positive CHECK (c > 0);
				""")).containsExactly("constraint-not-valid", "constraint-not-valid");
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy ADD CONSTRAINT busy_parent FOREIGN KEY (parent_id) REFERENCES parent (id) NOT VALID;
				ALTER TABLE busy ADD CONSTRAINT busy_c_positive CHECK (c > 0) NOT VALID;
				--changeset t:2
				ALTER TABLE busy VALIDATE CONSTRAINT busy_parent;
				ALTER TABLE busy VALIDATE CONSTRAINT busy_c_positive;
				""")).isEmpty();
	}

	@Test
	void renameOrDropTripsUnlessLabelledContract() throws IOException {
		assertThat(rules("""
				--changeset t:1
				ALTER TABLE busy RENAME COLUMN old_name TO new_name;
				--changeset t:2
				ALTER TABLE busy DROP COLUMN old_name;
				--changeset t:3
				DROP TABLE parent;
				""")).containsExactly("rename-or-drop", "rename-or-drop", "rename-or-drop");
		assertThat(rules("""
				--changeset t:1 labels:contract
				ALTER TABLE busy DROP COLUMN old_name;
				DROP TABLE parent;
				""")).isEmpty();
	}

	@Test
	void tableLockWithoutLockTimeoutTrips() throws IOException {
		String addColumn = """
				--changeset t:1
				ALTER TABLE busy ADD COLUMN note text;
				""";
		assertThat(lint("changelog.sql", formatted(addColumn), false, Set.of()).findings())
			.extracting(LintFinding::rule)
			.containsExactly("lock-timeout");
		assertThat(lint("changelog.sql", formatted("""
				--changeset t:1
				SET lock_timeout = '2s';
				ALTER TABLE busy ADD COLUMN note text;
				"""), false, Set.of()).findings()).isEmpty();
		assertThat(rules(addColumn)).as("with Lockstep's lock timeout").isEmpty();
	}

	@Test
	void findingsAreAcknowledgedByAChangesetCommentOrSkipped() throws IOException {
		assertThat(rules("""
				--changeset t:1
				--comment: a small lookup table, reviewed; lint-ack: index-not-concurrent
				CREATE INDEX busy_c ON busy (c);
				""")).isEmpty();
		assertThat(lint("changelog.sql", formatted("""
				--changeset t:1
				CREATE INDEX busy_c ON busy (c);
				ALTER TABLE busy ALTER COLUMN c SET NOT NULL;
				"""), true, Set.of("index-not-concurrent")).findings()).extracting(LintFinding::rule)
			.containsExactly("set-not-null");
	}

	@Test
	void statementTheParserCannotReadIsReportedUnchecked() throws IOException {
		LintReport report = lint("changelog.sql", formatted("""
				--changeset t:1
				ALTER TABLE busy ALTER COLUMN c SET DATA TYPE bigint;
				"""), true, Set.of());
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(LintFinding.UNCHECKED);
			assertThat(finding.statement()).isEqualTo("ALTER TABLE busy ALTER COLUMN c SET DATA TYPE bigint");
		});
		assertThat(rules("""
				--changeset t:1
				--comment: lint-ack: unchecked
				ALTER TABLE busy ALTER COLUMN c SET DATA TYPE bigint;
				""")).isEmpty();
	}

	@Test
	void wholeChangelogIncludesAppliedChangesets() throws IOException {
		String changelog = formatted("""
				--changeset t:1
				CREATE INDEX busy_c ON busy (c);
				""");
		Path file = write("changelog.sql", changelog);
		migrator(file).upgrade("head", false);
		MigrationLint lint = new MigrationLint(List.of(new PostgresLintDialect()), Set.of(), true);
		assertThat(lint.lint(migrator(file), false).findings()).isEmpty();
		assertThat(lint.lint(migrator(file), true).findings()).extracting(LintFinding::rule)
			.containsExactly("index-not-concurrent");
	}

	private List<String> rules(String changeSets) throws IOException {
		return lint("changelog.sql", formatted(changeSets), true, Set.of()).findings()
			.stream()
			.map(LintFinding::rule)
			.toList();
	}

	private LintReport lint(String name, String changelog, boolean lockTimeoutInForce, Set<String> skip)
			throws IOException {
		database.reset();
		existingTables();
		return new MigrationLint(List.of(new PostgresLintDialect()), skip, lockTimeoutInForce)
			.lint(migrator(write(name, changelog)), false);
	}

	private Path write(String name, String changelog) throws IOException {
		return Files.writeString(this.directory.resolve(name), changelog);
	}

	private static String formatted(String changeSets) {
		return "--liquibase formatted sql\n\n" + changeSets;
	}

	private static Migrator migrator(Path changelog) {
		return new Migrator(database.dataSource(), new DefaultResourceLoader(),
				MigrationSettings.of("file:" + changelog.toAbsolutePath()),
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(10), "lint", LockListener.NONE));
	}

}

package dev.lockstep.fastpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.PendingChangesetsException;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.event.StartupMigrationResult;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TableChangelogs;
import dev.lockstep.test.TestDatabase;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ApplicationListener;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path: a start with nothing pending skips Liquibase, and every change that could
 * make something pending sends the start down the full path.
 */
class FastPathTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	/**
	 * On the test classpath, where Liquibase's includeAll can list it, and the tests can
	 * edit it.
	 */
	private Path changelogs;

	private String changeLog;

	@BeforeEach
	void changelog() throws IOException {
		String directory = "fastpath/" + UUID.randomUUID();
		this.changelogs = Path.of("target/test-classes", directory);
		Files.createDirectories(this.changelogs.resolve("more"));
		write("master.yaml", """
				databaseChangeLog:
				  - include:
				      file: a.yaml
				      relativeToChangelogFile: true
				  - includeAll:
				      path: more/
				      relativeToChangelogFile: true
				""");
		write("a.yaml", TableChangelogs.creatingTables("a1"));
		write("more/m1.yaml", TableChangelogs.creatingTables("m1"));
		this.changeLog = "classpath:" + directory + "/master.yaml";
		assertThat(start().fastPath()).isFalse();
	}

	@AfterEach
	void removeChangelog() {
		FileSystemUtils.deleteRecursively(this.changelogs.toFile());
	}

	@Test
	void startWithNothingPendingTakesTheFastPath() {
		StartupMigrationResult result = start();
		assertThat(result.fastPath()).isTrue();
		assertThat(result.applied()).isZero();
		assertThat(result.current().revision().id()).isEqualTo("m1");
		assertThat(start().fastPath()).isTrue();
	}

	@Test
	void fastPathFindsTheCurrentRevisionAndTagThatTheFullPathFound() throws IOException {
		writeTagThenChangeSet("v1", "m3");
		StartupMigrationResult full = start();
		StartupMigrationResult fast = start();
		assertThat(full.fastPath()).isFalse();
		assertThat(fast.fastPath()).isTrue();
		assertThat(fast.current()).isEqualTo(full.current());
		assertThat(fast.current().revision().id()).isEqualTo("m3");
		assertThat(fast.current().tag()).isEqualTo("v1");
	}

	@Test
	void stateTableOfAnEarlierVersionGainsTheCurrentRevision() {
		database.jdbc().execute("ALTER TABLE lockstep_fast_path DROP COLUMN current_revision, DROP COLUMN current_tag");
		assertThat(start().fastPath()).isFalse();
		StartupMigrationResult result = start();
		assertThat(result.fastPath()).isTrue();
		assertThat(result.current().revision().id()).isEqualTo("m1");
	}

	@Test
	void editedChangesetTakesTheFullPath() throws IOException {
		write("a.yaml", TableChangelogs.creatingTables("a1").replace("type: int", "type: bigint"));
		MigrationFailedException failure = MigratingApplication.failedStart(MigrationFailedException.class, database,
				this.changeLog);
		assertThat(failure).hasMessageContaining("a1");
	}

	@Test
	void newChangesetInAnIncludedFileTakesTheFullPath() throws IOException {
		write("a.yaml", TableChangelogs.creatingTables("a1", "a2"));
		assertFullPathApplies(start(), "a2");
	}

	@Test
	void newFileUnderIncludeAllTakesTheFullPath() throws IOException {
		write("more/m2.yaml", TableChangelogs.creatingTables("m2"));
		assertFullPathApplies(start(), "m2");
	}

	@Test
	void fileThatNoChangelogLooksUpKeepsTheFastPath() throws IOException {
		write("README.md", "Not a changelog");
		write("unused.yaml", TableChangelogs.creatingTables("u1"));
		assertThat(start().fastPath()).isTrue();
		assertThat(database.appliedIds()).doesNotContain("u1");
	}

	@Test
	void newIncludeTakesTheFullPath() throws IOException {
		write("b.yaml", TableChangelogs.creatingTables("b1"));
		write("master.yaml", Files.readString(this.changelogs.resolve("master.yaml")) + """
				  - include:
				      file: b.yaml
				      relativeToChangelogFile: true
				""");
		assertFullPathApplies(start(), "b1");
	}

	@Test
	void changedContextsLabelsOrParametersTakeTheFullPath() {
		assertThat(start("spring.liquibase.contexts=reporting").fastPath()).isFalse();
		assertThat(start("spring.liquibase.contexts=reporting").fastPath()).isTrue();
		assertThat(start("spring.liquibase.label-filter=core").fastPath()).isFalse();
		assertThat(start("spring.liquibase.parameters.owner=ops").fastPath()).isFalse();
		assertThat(start("spring.liquibase.parameters.owner=ops").fastPath()).isTrue();
	}

	@Test
	void rollbackThroughLockstepsOperationsTakesTheFullPath() {
		Migrator migrator = new Migrator(database.dataSource(), new DefaultResourceLoader(),
				MigrationSettings.of(this.changeLog),
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(30), "fast-path-test", LockListener.NONE));
		migrator.downgrade("-1", false);
		assertFullPathApplies(start(), "m1");
	}

	@Test
	void rollbackByPlainLiquibaseTakesTheFullPath() throws Exception {
		try (Liquibase cli = plainLiquibase()) {
			cli.rollback(1, null, new Contexts(), new LabelExpression());
		}
		assertFullPathApplies(start(), "m1");
	}

	@Test
	void updateByPlainLiquibaseTakesTheFullPath() throws Exception {
		write("more/m2.yaml", TableChangelogs.creatingTables("m2"));
		try (Liquibase cli = plainLiquibase()) {
			cli.update(new Contexts(), new LabelExpression());
		}
		StartupMigrationResult result = start();
		assertThat(result.fastPath()).isFalse();
		assertThat(database.appliedIds()).containsExactly("a1", "m1", "m2");
		assertThat(start().fastPath()).isTrue();
	}

	@Test
	void handEditOfTheChangelogTableTakesTheFullPath() {
		database.jdbc().update("DELETE FROM databasechangelog WHERE id = 'm1'");
		database.jdbc().execute("DROP TABLE m1");
		assertFullPathApplies(start(), "m1");
	}

	@Test
	void handEditThatKeepsEveryRowTakesTheFullPath() {
		database.jdbc().update("UPDATE databasechangelog SET md5sum = NULL WHERE id = 'a1'");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isTrue();
	}

	@Test
	void renamedRowOfTheChangelogTableTakesTheFullPath() {
		database.jdbc().update("UPDATE databasechangelog SET id = 'renamed' WHERE id = 'm1'");
		database.jdbc().execute("DROP TABLE m1");
		assertFullPathApplies(start(), "m1");
	}

	@Test
	void swappedExecutionOrderTakesTheFullPath() {
		database.jdbc()
			.update("UPDATE databasechangelog SET orderexecuted = CASE id WHEN 'a1' THEN 2 ELSE 1 END "
					+ "WHERE id IN ('a1', 'm1')");
		assertThat(start().fastPath()).isFalse();
	}

	@Test
	void lockNameThatNeedsQuotingKeepsItsOwnState() {
		String lockName = "it's a 'quoted' \\lock\\ for café";
		assertThat(start("lockstep.lock.name=" + lockName).fastPath()).isFalse();
		assertThat(start("lockstep.lock.name=" + lockName).fastPath()).isTrue();
		assertThat(database.jdbc().queryForList("SELECT lock_name FROM lockstep_fast_path ORDER BY lock_name", String.class))
			.containsExactly(lockName, "lockstep:public.databasechangelog");
	}

	@Test
	void anotherLiquibaseVersionTakesTheFullPath() {
		database.jdbc().update("UPDATE lockstep_fast_path SET liquibase_version = '3.10.3'");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isTrue();
	}

	@Test
	void changelogWithAChangesetThatRunsAlwaysNeverTakesTheFastPath() throws IOException {
		write("more/m2.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: touch
				      author: lockstep
				      runAlways: true
				      changes:
				        - sql:
				            sql: SELECT 1
				""");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isFalse();
	}

	@Test
	void changesetLeftPendingByAFailedPreconditionKeepsTheFullPath() throws IOException {
		write("more/m2.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: waits-for-table
				      author: lockstep
				      preConditions:
				        - onFail: CONTINUE
				        - tableExists:
				            tableName: not_yet_there
				      changes:
				        - createTable:
				            tableName: after_it
				            columns:
				              - column:
				                  name: id
				                  type: int
				""");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isFalse();
		database.jdbc().execute("CREATE TABLE not_yet_there (id int)");
		assertThat(start().applied()).isOne();
		assertThat(database.columns("public", "after_it")).containsExactly("id");
		assertThat(start().fastPath()).isTrue();
	}

	@Test
	void editedFileThatAChangesetOpensBesideItsChangelogTakesTheFullPath() throws IOException {
		// Not under the includeAll location, which would take the SQL file for a changelog.
		assertEditedViewFileTakesTheFullPath(this.changelogs.resolve("sql/view.sql"), "sql/view.sql");
	}

	@Test
	void editedFileThatAChangesetOpensOutsideItsChangelogsDirectoryTakesTheFullPath() throws IOException {
		Path outside = this.changelogs.resolveSibling(this.changelogs.getFileName() + "-sql");
		try {
			assertEditedViewFileTakesTheFullPath(outside.resolve("view.sql"),
					"../" + outside.getFileName() + "/view.sql");
		}
		finally {
			FileSystemUtils.deleteRecursively(outside);
		}
	}

	private void assertEditedViewFileTakesTheFullPath(Path sqlFile, String pathFromChangelog) throws IOException {
		Files.createDirectories(sqlFile.getParent());
		Files.writeString(sqlFile, "CREATE OR REPLACE VIEW v AS SELECT 1 AS one");
		write("views.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: view
				      author: lockstep
				      runOnChange: true
				      changes:
				        - sqlFile:
				            path: %s
				            relativeToChangelogFile: true
				""".formatted(pathFromChangelog));
		write("master.yaml", Files.readString(this.changelogs.resolve("master.yaml")) + """
				  - include:
				      file: views.yaml
				      relativeToChangelogFile: true
				""");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isTrue();
		Files.writeString(sqlFile, "CREATE OR REPLACE VIEW v AS SELECT 1 AS one, 2 AS two");
		StartupMigrationResult result = start();
		assertThat(result.fastPath()).isFalse();
		assertThat(result.applied()).isOne();
		assertThat(database.columns("public", "v")).containsExactly("one", "two");
	}

	@Test
	void propertyFileOutsideTheChangelogsDirectoryThatAppearsTakesTheFullPath() throws IOException {
		Path properties = this.changelogs.resolveSibling(this.changelogs.getFileName() + "-properties")
			.resolve("column.properties");
		write("master.yaml", """
				databaseChangeLog:
				  - property:
				      file: ../%s/column.properties
				      relativeToChangelogFile: true
				      errorIfMissing: false
				  - property:
				      name: column
				      value: one
				  - changeSet:
				      id: view
				      author: lockstep
				      runOnChange: true
				      changes:
				        - sql:
				            sql: DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT 1 AS ${column}
				""".formatted(properties.getParent().getFileName()));
		try {
			assertThat(start().fastPath()).isFalse();
			assertThat(start().fastPath()).isTrue();
			Files.createDirectories(properties.getParent());
			Files.writeString(properties, "column=two\n");
			StartupMigrationResult result = start();
			assertThat(result.fastPath()).isFalse();
			assertThat(result.applied()).isOne();
			assertThat(database.columns("public", "v")).containsExactly("two");
		}
		finally {
			FileSystemUtils.deleteRecursively(properties.getParent());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "${fastpath.test.table}", "${ fastpath.test.table }",
			"${FASTPATH.TEST.TABLE}" })
	void changedSystemPropertyThatTheChangelogRefersToTakesTheFullPath(String reference) throws IOException {
		write("more/m2.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: named-by-property
				      author: lockstep
				      runOnChange: true
				      changes:
				        - sql:
				            sql: CREATE TABLE IF NOT EXISTS %s (id int)
				""".formatted(reference));
		System.setProperty("fastpath.test.table", "first_name");
		try {
			assertThat(start().fastPath()).isFalse();
			assertThat(start().fastPath()).isTrue();
			System.setProperty("fastpath.test.table", "second_name");
			assertThat(start().fastPath()).isFalse();
			assertThat(database.columns("public", "second_name")).containsExactly("id");
		}
		finally {
			System.clearProperty("fastpath.test.table");
		}
	}

	@Test
	void contextsFromLiquibasesOwnConfigurationTakeTheFullPathWhenTheyChange() throws IOException {
		write("more/m2.yaml", TableChangelogs.creatingTables("m2").replace("author: lockstep", "author: lockstep\n      context: seed"));
		System.setProperty("liquibase.command.contexts", "prod");
		try {
			assertThat(start().fastPath()).isFalse();
			assertThat(database.appliedIds()).doesNotContain("m2");
			assertThat(start().fastPath()).isTrue();
		}
		finally {
			System.clearProperty("liquibase.command.contexts");
		}
		assertFullPathApplies(start(), "m2");
	}

	@Test
	void changesetThatFailsWithoutFailingTheRunKeepsTheFullPath() throws IOException {
		write("more/m2.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: fills-table
				      author: lockstep
				      failOnError: false
				      changes:
				        - sql:
				            sql: INSERT INTO not_yet_there VALUES (1)
				""");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isFalse();
		database.jdbc().execute("CREATE TABLE not_yet_there (id int)");
		assertThat(start().applied()).isOne();
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM not_yet_there", Integer.class)).isOne();
		assertThat(start().fastPath()).isTrue();
	}

	@Test
	void tagStopsEveryRunThereAndNeverTakesTheFastPath() throws IOException {
		writeTagThenChangeSet("v1", "m3");
		assertThat(start("spring.liquibase.tag=v1").fastPath()).isFalse();
		assertThat(start("spring.liquibase.tag=v1").fastPath()).isFalse();
		assertThat(database.appliedIds()).contains("tag-v1").doesNotContain("m3");
		StartupMigrationResult result = start();
		assertFullPathApplies(result, "m3");
		assertThat(result.current().tag()).isEqualTo("v1");
	}

	@Test
	void optionalIncludeThatAppearsTakesTheFullPath() throws IOException {
		write("master.yaml", Files.readString(this.changelogs.resolve("master.yaml")) + """
				  - include:
				      file: optional.yaml
				      relativeToChangelogFile: true
				      errorIfMissing: false
				""");
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isTrue();
		write("optional.yaml", TableChangelogs.creatingTables("o1"));
		assertThat(start().fastPath()).isFalse();
	}

	@Test
	void optionalIncludeThatAppearsAtAFileLocationTakesTheFullPath() throws IOException {
		Files.createDirectories(this.changelogs.resolve("files"));
		write("files/master.yaml", """
				databaseChangeLog:
				  - include:
				      file: f1.yaml
				      relativeToChangelogFile: true
				  - include:
				      file: optional.yaml
				      relativeToChangelogFile: true
				      errorIfMissing: false
				""");
		write("files/f1.yaml", TableChangelogs.creatingTables("f1"));
		this.changeLog = this.changelogs.resolve("files/master.yaml").toAbsolutePath().toUri().toString();
		assertThat(start().fastPath()).isFalse();
		assertThat(start().fastPath()).isTrue();
		write("files/optional.yaml", TableChangelogs.creatingTables("o1"));
		assertFullPathApplies(start(), "o1");
	}

	@Test
	void dropFirstNeverTakesTheFastPath() {
		assertThat(start("spring.liquibase.drop-first=true").fastPath()).isFalse();
		assertThat(start("spring.liquibase.drop-first=true").fastPath()).isFalse();
	}

	@Test
	void validateModeNeverMissesAPendingChangeset() throws IOException {
		MigratingApplication.start(database, this.changeLog, "lockstep.mode=validate").close();
		write("more/m2.yaml", TableChangelogs.creatingTables("m2"));
		PendingChangesetsException failure = MigratingApplication.failedStart(PendingChangesetsException.class,
				database, this.changeLog, "lockstep.mode=validate");
		assertThat(failure).hasMessageContaining("m2");
		assertThat(database.appliedIds()).doesNotContain("m2");
	}

	@Test
	void fastPathCanBeTurnedOff() {
		StartupMigrationResult result = start("lockstep.fast-path.enabled=false");
		assertThat(result.fastPath()).isFalse();
		assertThat(result.current().revision().id()).isEqualTo("m1");
	}

	private void assertFullPathApplies(StartupMigrationResult result, String changeSet) {
		assertThat(result.fastPath()).as("fast path").isFalse();
		assertThat(result.applied()).isOne();
		assertThat(result.current().revision().id()).isEqualTo(changeSet);
		assertThat(database.appliedIds()).contains(changeSet);
		assertThat(database.columns("public", changeSet)).containsExactly("id");
		assertThat(start().fastPath()).as("the next start").isTrue();
	}

	private StartupMigrationResult start(String... properties) {
		AtomicReference<StartupMigrationResult> result = new AtomicReference<>();
		ApplicationListener<MigrationsAppliedEvent> listener = (event) -> result.set(event.getResult());
		MigratingApplication.start(database, this.changeLog, listener, properties).close();
		return result.get();
	}

	private Liquibase plainLiquibase() throws Exception {
		return new Liquibase(this.changeLog, new SpringResourceAccessor(new DefaultResourceLoader()),
				DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(database.connect())));
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.changelogs.resolve(name), content);
	}

	/**
	 * Write a changeset that tags the database, and a changeset after it.
	 */
	private void writeTagThenChangeSet(String tag, String changeSet) throws IOException {
		write("more/m2.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: tag-%s
				      author: lockstep
				      changes:
				        - tagDatabase:
				            tag: %s
				""".formatted(tag, tag));
		write("more/m3.yaml", TableChangelogs.creatingTables(changeSet));
	}

}

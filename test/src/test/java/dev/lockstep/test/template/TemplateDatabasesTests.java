package dev.lockstep.test.template;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.fastpath.FastPath;
import dev.lockstep.postgres.PostgresFastPathDialect;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template cache: a copy has the changelog applied and the fast path's state, and
 * whatever changes what the changelog would apply gives a new template, while the stale
 * one is dropped.
 */
class TemplateDatabasesTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@TempDir
	Path classpath;

	private Path changelogs;

	private ResourceLoader resourceLoader;

	private TemplateServer server;

	private MigrationSettings settings;

	@BeforeEach
	void writeChangelog() throws IOException {
		this.server = new TemplateServer(database);
		// On a class path of their own, as applications keep them (includeAll needs one).
		this.changelogs = this.classpath.resolve("cache");
		this.resourceLoader = new DefaultResourceLoader(
				new URLClassLoader(new URL[] { this.classpath.toUri().toURL() }, getClass().getClassLoader()));
		write("changelog.yaml", """
				databaseChangeLog:
				  - include:
				      file: people.yaml
				      relativeToChangelogFile: true
				  - includeAll:
				      path: more/
				      relativeToChangelogFile: true
				""");
		write("more/001-pets.yaml", table("pets"));
		write("people.yaml", """
				databaseChangeLog:
				  - changeSet:
				      id: people
				      author: test
				      changes:
				        - createTable:
				            tableName: people
				            columns:
				              - column: {name: id, type: bigint}
				  - changeSet:
				      id: sample
				      author: test
				      context: sample
				      changes:
				        - insert:
				            tableName: people
				            columns:
				              - column: {name: id, valueNumeric: 1}
				""");
		this.settings = MigrationSettings.of("classpath:cache/changelog.yaml");
	}

	@AfterEach
	void dropTemplates() throws SQLException {
		this.server.dropTemplates();
	}

	@Test
	void theFirstDatabaseBuildsTheTemplateAndLaterOnesAreCopiesThatTakeTheFastPath() {
		TemplateDatabases templates = this.server.templates();
		ClonedDatabase first = templates.create(this.settings, this.resourceLoader);
		ClonedDatabase second = templates.create(this.settings, this.resourceLoader);
		try {
			assertThat(first.templateBuilt()).isTrue();
			assertThat(second.templateBuilt()).isFalse();
			assertThat(second.template()).isEqualTo(first.template()).startsWith(this.server.prefix());
			assertThat(second.name()).isNotEqualTo(first.name());
			JdbcTemplate jdbc = new JdbcTemplate(this.server.server().dataSource(second.name()));
			assertThat(jdbc.queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted", String.class))
				.containsExactly("people", "sample", "pets");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM people", Integer.class)).isOne();
			FastPath fastPath = new FastPath(new LockstepMigration("template", this.server.server().dataSource(second.name()),
					this.settings, second.name()), this.resourceLoader, List.of(new PostgresFastPathDialect()), true);
			assertThat(fastPath.checkUpToDate()).isNotNull();
		}
		finally {
			templates.drop(first);
			templates.drop(second);
		}
	}

	@Test
	void aChangedChangesetGivesANewTemplateAndTheStaleOneIsDropped() throws IOException, SQLException {
		String before = this.server.templates().ensureTemplate(this.settings, this.resourceLoader);
		write("people.yaml", Files.readString(this.changelogs.resolve("people.yaml")).replace("bigint", "integer"));
		String after = this.server.templates().ensureTemplate(this.settings, this.resourceLoader);
		assertThat(after).isNotEqualTo(before);
		assertThat(this.server.templatesOnServer()).containsExactly(after);
	}

	@Test
	void aChangedContextGivesANewTemplate() {
		String all = this.server.templates().ensureTemplate(this.settings, this.resourceLoader);
		String withoutSample = this.server.templates().ensureTemplate(withContexts("production"), this.resourceLoader);
		assertThat(withoutSample).isNotEqualTo(all);
		ClonedDatabase copy = this.server.templates().create(withContexts("production"), this.resourceLoader);
		try {
			assertThat(copy.templateBuilt()).isFalse();
			assertThat(new JdbcTemplate(this.server.server().dataSource(copy.name()))
				.queryForObject("SELECT count(*) FROM people", Integer.class)).isZero();
		}
		finally {
			this.server.templates().drop(copy);
		}
	}

	@Test
	void aChangedParameterGivesANewTemplate() {
		String first = this.server.templates().ensureTemplate(withParameter("one"), this.resourceLoader);
		assertThat(this.server.templates().ensureTemplate(withParameter("one"), this.resourceLoader))
			.isEqualTo(first);
		assertThat(this.server.templates().ensureTemplate(withParameter("two"), this.resourceLoader))
			.isNotEqualTo(first);
	}

	@Test
	void aNewFileGivesANewTemplate() throws IOException, SQLException {
		String before = this.server.templates().ensureTemplate(this.settings, this.resourceLoader);
		write("more/002-books.yaml", table("books"));
		ClonedDatabase copy = this.server.templates().create(this.settings, this.resourceLoader);
		try {
			assertThat(copy.templateBuilt()).isTrue();
			assertThat(copy.template()).isNotEqualTo(before);
			assertThat(this.server.templatesOnServer()).containsExactly(copy.template());
			assertThat(new JdbcTemplate(this.server.server().dataSource(copy.name()))
				.queryForObject("SELECT count(*) FROM books", Integer.class)).isZero();
		}
		finally {
			this.server.templates().drop(copy);
		}
	}

	private MigrationSettings withContexts(String contexts) {
		return new MigrationSettings(this.settings.changeLog(), contexts, null, Map.of(), null, null, null, null,
				null);
	}

	private MigrationSettings withParameter(String value) {
		return new MigrationSettings(this.settings.changeLog(), null, null, Map.of("owner", value), null, null, null,
				null, null);
	}

	private void write(String name, String content) throws IOException {
		Path file = this.changelogs.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private static String table(String name) {
		return """
				databaseChangeLog:
				  - changeSet:
				      id: %1$s
				      author: test
				      changes:
				        - createTable:
				            tableName: %1$s
				            columns:
				              - column: {name: id, type: bigint}
				""".formatted(name);
	}

}

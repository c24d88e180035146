package dev.lockstep.revision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lockstep.autoconfigure.LockstepAutoConfiguration;
import dev.lockstep.autoconfigure.LockstepMigratorAutoConfiguration;
import dev.lockstep.autoconfigure.LockstepRevisionAutoConfiguration;
import dev.lockstep.command.RunModeRunner;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code revision} and {@code check} against a reference database (an application
 * without JPA), on real PostgreSQL databases: the file comes out in the changelog's format
 * (XML, formatted SQL), follows its numbering, ids and author, and applies; drops carry a
 * warning; without a model or a reference the commands are refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class RevisionFormatsTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@RegisterExtension
	static TestDatabase reference = TestDatabase.emptyForEachTest();

	@TempDir
	Path sources;

	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
				LockstepMigratorAutoConfiguration.class, LockstepRevisionAutoConfiguration.class))
		.withPropertyValues(database.datasourceProperties());

	@Test
	void anXmlChangelogGetsAnXmlFileNumberedAfterItsFilesWithItsIdsAndAuthorIncludedInTheMaster(CapturedOutput output)
			throws IOException {
		Path master = write("master.xml", """
				<?xml version="1.0" encoding="UTF-8"?>
				<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
						xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
						xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
						http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
				    <include file="changes/01-person.xml" relativeToChangelogFile="true"/>
				</databaseChangeLog>
				""");
		write("changes/01-person.xml", """
				<?xml version="1.0" encoding="UTF-8"?>
				<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
						xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
						xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
						http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
				    <changeSet id="1" author="alice">
				        <createTable tableName="person">
				            <column name="id" type="int"><constraints primaryKey="true"/></column>
				            <column name="name" type="varchar(50)"/>
				        </createTable>
				    </changeSet>
				</databaseChangeLog>
				""");
		reference.jdbc().execute("CREATE TABLE person (id int PRIMARY KEY, email varchar(100))");
		start(master);

		assertThat(command(output, master, "check").exitCode()).isEqualTo(2);
		assertThat(command(output, master, "revision", "lockstep.message=Email instead of name").exitCode()).isZero();

		String generated = Files.readString(this.sources.resolve("changes/02-email-instead-of-name.xml"));
		assertThat(generated).contains("<changeSet author=\"alice\" id=\"2\"")
			.contains("<changeSet author=\"alice\" id=\"3\"")
			.contains("<addColumn tableName=\"person\">")
			.contains("<dropColumn columnName=\"name\" tableName=\"person\"/>")
			.contains("<comment>REVIEW: this drops data.")
			.doesNotContain("objectQuotingStrategy");
		assertThat(Files.readString(master)).contains(
				"    <include file=\"changes/02-email-instead-of-name.xml\" relativeToChangelogFile=\"true\"/>\n"
						+ "</databaseChangeLog>");
		start(master);
		assertThat(database.columns("public", "person")).containsExactly("id", "email");
		assertThat(command(output, master, "check").exitCode()).isZero();
	}

	@Test
	void aFormattedSqlChangelogGetsFormattedSqlWithRollbacksThatDowngradeRuns(CapturedOutput output)
			throws IOException {
		Path master = write("db/master.yaml", """
				databaseChangeLog:
				  - include:
				      file: changes/001-person.sql
				      relativeToChangelogFile: true
				""");
		write("db/changes/001-person.sql", """
				-- liquibase formatted sql

				-- changeset bob:create-person
				CREATE TABLE person (id int PRIMARY KEY, name varchar(50));
				-- rollback DROP TABLE person;
				""");
		reference.jdbc().execute("CREATE TABLE person (id int PRIMARY KEY, name varchar(50))");
		reference.jdbc().execute("CREATE TABLE note (id int PRIMARY KEY, person_id int REFERENCES person (id))");
		start(master);

		Command revision = command(output, master, "revision", "lockstep.message=Add notes");
		assertThat(revision.exitCode()).isZero();
		String generated = Files.readString(this.sources.resolve("db/changes/002-add-notes.sql"));
		assertThat(generated).startsWith("-- liquibase formatted sql\n")
			.contains("-- changeset bob:create-table-note\n")
			.contains("-- rollback DROP TABLE note;\n")
			.contains("-- changeset bob:add-foreign-key-constraint-note-note-person-id-fkey\n");
		start(master);
		assertThat(database.columns("public", "note")).containsExactly("id", "person_id");
		Command downgrade = command(output, master, "downgrade", "lockstep.target=create-person");
		assertThat(downgrade.exitCode()).as(downgrade.output()).isZero();
		assertThat(database.columns("public", "note")).isEmpty();
	}

	@Test
	void withNeitherAModelNorAReferenceTheCommandsAreRefused(CapturedOutput output) throws IOException {
		Path master = write("master.yaml", "databaseChangeLog: []\n");
		AtomicInteger exitCode = new AtomicInteger();
		this.application.withPropertyValues("spring.liquibase.change-log=" + master.toUri(), "lockstep.command=check")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SchemaRevisions.class);
				exitCode.set(context.getBean(RunModeRunner.class).runCommand("check"));
			});
		assertThat(exitCode.get()).isEqualTo(2);
		assertThat(output).contains("this application has neither a JPA EntityManagerFactory nor "
				+ "lockstep.revision.reference-url");
	}

	private Path write(String path, String content) throws IOException {
		Path file = this.sources.resolve(path);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

	private void start(Path master) {
		this.application.withPropertyValues("spring.liquibase.change-log=" + master.toUri())
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private Command command(CapturedOutput output, Path master, String command, String... properties) {
		AtomicInteger exitCode = new AtomicInteger(-1);
		int from = output.getOut().length();
		this.application
			.withPropertyValues("spring.liquibase.change-log=" + master.toUri(), "lockstep.command=" + command,
					"lockstep.revision.reference-url=" + reference.url() + "?user=" + reference.username()
							+ "&password=" + reference.password())
			.withPropertyValues(properties)
			.run((context) -> exitCode.set(context.getBean(RunModeRunner.class).runCommand(command)));
		return new Command(exitCode.get(), output.getAll().substring(from));
	}

	/**
	 * A command's exit code and what it printed.
	 */
	record Command(int exitCode, String output) {

	}

}

package dev.lockstep.demorevision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.lockstep.autoconfigure.LockstepAutoConfiguration;
import dev.lockstep.autoconfigure.LockstepMigratorAutoConfiguration;
import dev.lockstep.autoconfigure.LockstepRevisionAutoConfiguration;
import dev.lockstep.command.RunModeRunner;
import dev.lockstep.demo.library.Author;
import dev.lockstep.demo.library.Book;
import dev.lockstep.demo.library.Member;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop of {@code check} and {@code revision} on the demo's model and changelog,
 * against a real PostgreSQL: the model changes, {@code check} finds it, {@code revision}
 * writes the changesets, a start applies them, Hibernate validates, and the generated
 * rollback takes the schema back. The target database is never written by either command.
 */
@ExtendWith(OutputCaptureExtension.class)
class RevisionCommandTests {

	private static final List<Class<?>> DEMO_MODEL = List.of(Author.class, Book.class, Member.class,
			dev.lockstep.demo.library.Loan.class);

	private static final List<Class<?>> CHANGED_MODEL = List.of(Author.class, Book.class, Member.class, Loan.class,
			Review.class);

	/**
	 * A line of the test's console log, or of Liquibase's through java.util.logging.
	 */
	private static final Pattern LOG_LINE = Pattern
		.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3} |[A-Z][a-z]{2} \\d{2}, \\d{4} |(INFO|WARNING): )");

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path sources;

	private Path master;

	private Path changes;

	@BeforeEach
	void copyTheDemosChangelog() throws IOException {
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:db/changelog/**/*.yaml")) {
			String url = resource.getURL().toString();
			Path copy = this.sources.resolve(url.substring(url.lastIndexOf("db/changelog/")));
			Files.createDirectories(copy.getParent());
			try (InputStream content = resource.getInputStream()) {
				Files.copy(content, copy);
			}
		}
		this.master = this.sources.resolve("db/changelog/db.changelog-master.yaml");
		this.changes = this.master.resolveSibling("changes");
	}

	@Test
	void checkFindsTheChangedModelRevisionWritesItAStartAppliesItAndDowngradeTakesItBack(CapturedOutput output)
			throws Exception {
		start(DEMO_MODEL);
		String atHead = PgDump.schema(database);
		String masterBefore = Files.readString(this.master);

		Command check = command(output, CHANGED_MODEL, "check");
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.output()).contains("returned_at").contains("review");

		Command revision = command(output, CHANGED_MODEL, "revision", "lockstep.message=Add reviews and loan returns");
		assertThat(revision.exitCode()).isZero();
		assertThat(PgDump.schema(database)).as("the target schema after revision").isEqualTo(atHead);
		assertThat(scratchSchemas()).isEmpty();
		Path written = this.changes.resolve("004-add-reviews-and-loan-returns.yaml");
		assertThat(files(this.changes)).containsExactly("001-catalog.yaml", "002-members-and-loans.yaml",
				"003-display-names.yaml", "004-add-reviews-and-loan-returns.yaml");
		assertThat(revision.output()).contains(written.toString());
		assertThat(Files.readString(this.master)).isEqualTo(masterBefore + "  - include:\n"
				+ "      file: changes/004-add-reviews-and-loan-returns.yaml\n      relativeToChangelogFile: true\n");
		String generated = Files.readString(written);
		assertThat(generated).contains("author: lockstep-demo").contains("tableName: review").contains("returned_at");
		assertThat(generated.indexOf("createTable")).as("the table before its foreign key")
			.isLessThan(generated.indexOf("addForeignKeyConstraint"));

		start(CHANGED_MODEL);
		assertThat(database.columns("public", "loan")).contains("returned_at");
		assertThat(database.columns("public", "review")).contains("id", "book_id", "rating", "text");
		Command clean = command(output, CHANGED_MODEL, "check");
		assertThat(clean.exitCode()).isZero();
		assertThat(clean.output()).isEqualTo("No changes in schema detected.\n");

		int generatedChangeSets = (int) generated.lines().filter((line) -> line.contains("- changeSet:")).count();
		Command downgrade = command(output, CHANGED_MODEL, "downgrade", "lockstep.target=-" + generatedChangeSets);
		assertThat(downgrade.exitCode()).as(downgrade.output()).isZero();
		assertThat(PgDump.schema(database)).as("the schema after the generated rollback").isEqualTo(atHead);
	}

	@Test
	void aModelIdenticalToTheDatabaseHasNoChangesAndNothingIsWritten(CapturedOutput output) throws Exception {
		start(DEMO_MODEL);
		String masterBefore = Files.readString(this.master);
		Command revision = command(output, DEMO_MODEL, "revision", "lockstep.message=nothing");
		assertThat(revision.exitCode()).isZero();
		assertThat(revision.output()).isEqualTo("No changes in schema detected.\n");
		assertThat(files(this.changes)).hasSize(3);
		assertThat(Files.readString(this.master)).isEqualTo(masterBefore);
		assertThat(command(output, DEMO_MODEL, "check").exitCode()).isZero();
	}

	@Test
	void aDatabaseBehindHeadIsRefusedAndNothingIsWritten(CapturedOutput output) throws Exception {
		assertThat(command(output, DEMO_MODEL, "upgrade", "lockstep.target=v2").exitCode()).isZero();
		String behindHead = PgDump.schema(database);
		Command revision = command(output, CHANGED_MODEL, "revision", "lockstep.message=add reviews");
		assertThat(revision.exitCode()).isEqualTo(2);
		assertThat(revision.output()).contains("Target database is not up to date: 3 changesets pending");
		assertThat(files(this.changes)).hasSize(3);
		assertThat(PgDump.schema(database)).isEqualTo(behindHead);
	}

	@Test
	void aModelThatFailsToBuildInTheMiddleLeavesNoScratchSchema(CapturedOutput output) throws Exception {
		start(DEMO_MODEL);
		String atHead = PgDump.schema(database);
		List<Class<?>> unbuildable = new ArrayList<>(CHANGED_MODEL);
		unbuildable.add(Unbuildable.class);
		Command revision = command(output, unbuildable, "revision", "lockstep.message=add reviews");
		assertThat(revision.exitCode()).isEqualTo(3);
		assertThat(revision.output()).contains("no_such_type");
		assertThat(scratchSchemas()).isEmpty();
		assertThat(files(this.changes)).hasSize(3);
		assertThat(PgDump.schema(database)).isEqualTo(atHead);
	}

	private void start(List<Class<?>> model) {
		application(model).run((context) -> assertThat(context).hasNotFailed());
	}

	private Command command(CapturedOutput output, List<Class<?>> model, String command, String... properties) {
		AtomicInteger exitCode = new AtomicInteger(-1);
		int from = output.getAll().length();
		application(model).withPropertyValues("lockstep.command=" + command)
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				exitCode.set(context.getBean(RunModeRunner.class).runCommand(command));
			});
		return new Command(exitCode.get(), withoutLogLines(output.getAll().substring(from)));
	}

	private ApplicationContextRunner application(List<Class<?>> model) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, LockstepAutoConfiguration.class,
					LockstepMigratorAutoConfiguration.class, LockstepRevisionAutoConfiguration.class))
			.withBean(PersistenceManagedTypes.class,
					() -> PersistenceManagedTypes.of(model.stream().map(Class::getName).toList(), List.of()))
			.withPropertyValues(database.datasourceProperties())
			.withPropertyValues("spring.liquibase.change-log=" + this.master.toUri(),
					"spring.jpa.hibernate.ddl-auto=validate", "lockstep.revision.source-directory=" + this.sources);
	}

	/**
	 * What the command printed, without the log lines of the application around it (the
	 * test's console logging is not the command line's).
	 */
	private static String withoutLogLines(String output) {
		return output.lines()
			.filter((line) -> !LOG_LINE.matcher(line).find() && !line.startsWith("\t"))
			.map((line) -> line + "\n")
			.collect(Collectors.joining());
	}

	private static List<String> scratchSchemas() {
		return database.jdbc()
			.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'lockstep\\_revision\\_%'", String.class);
	}

	private static List<String> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	/**
	 * A command's exit code and what it printed.
	 */
	record Command(int exitCode, String output) {

	}

}

package dev.lockstep.command;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.lockstep.LockstepException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.ChangelogLockRelease;
import dev.lockstep.engine.HistoryPage;
import dev.lockstep.engine.HistoryQuery;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Migrators;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.engine.ValidationReport;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.report.MigrationDescriptors;
import dev.lockstep.report.MigrationDescriptors.ChangeSetsDescriptor;
import dev.lockstep.report.MigrationDescriptors.OperationDescriptor;
import dev.lockstep.report.MigrationDescriptors.ValidationDescriptor;
import dev.lockstep.revision.SchemaCheck;
import dev.lockstep.revision.SchemaRevisions;
import dev.lockstep.revision.WrittenRevision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Finishes the runs that exit when their work is done: after a {@code migrate-only} start
 * it exits with 0; with {@code lockstep.command} it runs the command, prints its result,
 * or its error with what to do about it, and exits with the command's exit code. An
 * unknown command prints the help, and {@code help} does, touching nothing.
 */
public class RunModeRunner implements ApplicationRunner, Ordered {

	private static final Log logger = LogFactory.getLog(RunModeRunner.class);

	private final Migrators migrators;

	private final @Nullable String migration;

	private final ConfigurableApplicationContext context;

	private final @Nullable String command;

	private final @Nullable String target;

	private final boolean dryRun;

	private final HistoryQuery historyQuery;

	private final @Nullable JsonReport json;

	private final String mode;

	private final PrintStream out;

	private final PrintStream err;

	private @Nullable MigrationLint lint;

	private @Nullable SchemaRevisions revisions;

	/**
	 * Create a new instance.
	 * @param migrator the engine
	 * @param context the application, closed before exiting
	 * @param command the command, or {@code null} after a migrate-only start
	 * @param target the command's target
	 * @param dryRun whether writes only print their SQL
	 * @param historyQuery which page of the history the history command shows
	 * @param json writes JSON, or {@code null} for text
	 * @param mode the run mode, for the JSON summary
	 * @param out where results go
	 * @param err where errors go
	 */
	public RunModeRunner(Migrator migrator, ConfigurableApplicationContext context, @Nullable String command,
			@Nullable String target, boolean dryRun, HistoryQuery historyQuery, @Nullable JsonReport json, String mode,
			PrintStream out, PrintStream err) {
		this(Migrators.of(migrator), null, context, command, target, dryRun, historyQuery, json, mode, out, err);
	}

	/**
	 * Create a new instance for an application with several migrations.
	 * @param migrators the engine of each migration
	 * @param migration the migration the command works on ({@code lockstep.migration}),
	 * or {@code null} where there is only one
	 * @param context the application, closed before exiting
	 * @param command the command, or {@code null} after a migrate-only start
	 * @param target the command's target
	 * @param dryRun whether writes only print their SQL
	 * @param historyQuery which page of the history the history command shows
	 * @param json writes JSON, or {@code null} for text
	 * @param mode the run mode, for the JSON summary
	 * @param out where results go
	 * @param err where errors go
	 */
	public RunModeRunner(Migrators migrators, @Nullable String migration, ConfigurableApplicationContext context,
			@Nullable String command, @Nullable String target, boolean dryRun, HistoryQuery historyQuery,
			@Nullable JsonReport json, String mode, PrintStream out, PrintStream err) {
		this.migrators = migrators;
		this.migration = migration;
		this.context = context;
		this.command = command;
		this.target = target;
		this.dryRun = dryRun;
		this.historyQuery = historyQuery;
		this.json = json;
		this.mode = mode;
		this.out = out;
		this.err = err;
	}

	/**
	 * Set the lint the {@code lint} command runs.
	 * @param lint the lint
	 */
	public void setLint(MigrationLint lint) {
		this.lint = lint;
	}

	/**
	 * Set what runs the {@code check} and {@code revision} commands, where there is a JPA
	 * model or a reference database.
	 * @param revisions runs check and revision
	 */
	public void setRevisions(SchemaRevisions revisions) {
		this.revisions = revisions;
	}

	/**
	 * First of all runners: nothing else may run, or print, before the command.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void run(ApplicationArguments args) {
		int exitCode = 0;
		if (this.command != null) {
			exitCode = runCommand(this.command);
		}
		else {
			// The startup run has logged the current revision: reading the status again would
			// parse the changelog that the fast path spared this init container.
			logger.info("Lockstep migrate-only: done; exiting");
		}
		int code = exitCode;
		System.exit(SpringApplication.exit(this.context, () -> code));
	}

	/**
	 * Run a command, print what it has to say, and return its exit code, without exiting.
	 * @param name the command's name
	 * @return the exit code
	 */
	public int runCommand(String name) {
		Optional<MigrationCommand> command = MigrationCommand.named(name);
		if (command.isEmpty()) {
			print(this.err, "Unknown command '" + name + "'.\n\n" + CommandUsage.text());
			return LockstepException.EXIT_REFUSED;
		}
		try {
			CommandResult result = execute(command.get());
			print(this.out, result.output());
			return result.exitCode();
		}
		catch (LockstepException ex) {
			print(this.err, "FAILED: " + ex.getMessage() + "\n" + ex.getAction() + "\n");
			return ex.getExitCode();
		}
	}

	private static void print(PrintStream stream, String text) {
		stream.print(text);
		stream.flush();
	}

	private CommandResult execute(MigrationCommand command) {
		if (command.needsTarget() && (this.target == null || this.target.isBlank())) {
			throw new OperationRefusedException(Reason.MISSING_TARGET, "The " + command.propertyValue()
					+ " command needs a target: add --lockstep.target=head (or base, +N, -N, a tag, a changeset)");
		}
		if (command == MigrationCommand.HELP) {
			return done(CommandUsage.text());
		}
		MigrationChoice chosen = MigrationChoice.of(this.migrators, this.migration);
		Migrator migrator = chosen.migrator();
		return switch (command) {
			case CURRENT -> done((this.json != null)
					? this.json.write(MigrationDescriptors.summary(chosen.name(), this.migrators.names(),
							migrator.history(), migrator.lockHolder().orElse(null), this.mode, null))
					: TextReport.current(migrator.history()));
			case HISTORY -> history(this.historyQuery.page(migrator.history().entries()));
			case UPGRADE -> report(migrator.upgrade(this.target, this.dryRun));
			case DOWNGRADE -> report(migrator.downgrade(this.target, this.dryRun));
			case STAMP -> report(migrator.stamp(this.target, this.dryRun));
			case SQL -> report(sql(migrator));
			case VALIDATE -> validation(migrator.validate());
			case RELEASE_LOCKS -> release(migrator.releaseLocks());
			case LINT -> lint(migrator);
			case CHECK -> check(revisions().check());
			case REVISION -> revision(revisions().revision());
			case HELP -> done(CommandUsage.text());
		};
	}

	private CommandResult history(HistoryPage page) {
		return done((this.json != null) ? this.json.write(ChangeSetsDescriptor.of(page)) : TextReport.history(page));
	}

	private OperationResult sql(Migrator migrator) {
		try {
			return migrator.upgrade(this.target, true);
		}
		catch (OperationRefusedException ex) {
			if (ex.getReason() == Reason.WRONG_DIRECTION) {
				return migrator.downgrade(this.target, true);
			}
			throw ex;
		}
	}

	private CommandResult report(OperationResult result) {
		return done((this.json != null) ? this.json.write(OperationDescriptor.of(result))
				: TextReport.operation(result));
	}

	private CommandResult validation(ValidationReport report) {
		String output = (this.json != null) ? this.json.write(ValidationDescriptor.of(report))
				: TextReport.validation(report);
		return new CommandResult(output, report.isValid() ? 0 : LockstepException.EXIT_REFUSED);
	}

	private CommandResult lint(Migrator migrator) {
		if (this.lint == null) {
			throw new IllegalStateException("The lint command needs a MigrationLint");
		}
		LintReport report = this.lint.lint(migrator, "base".equalsIgnoreCase(this.target));
		String output = (this.json != null) ? this.json.write(report) : report.describe();
		return new CommandResult(output, report.clean() ? 0 : LockstepException.EXIT_REFUSED);
	}

	private static CommandResult release(ChangelogLockRelease release) {
		return new CommandResult(release.describe() + "\n", release.released() ? 0 : LockstepException.EXIT_REFUSED);
	}

	private SchemaRevisions revisions() {
		if (this.revisions == null) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE, "check and revision compare the application's "
					+ "JPA model (or the database at lockstep.revision.reference-url) with the database, and this "
					+ "application has neither a JPA EntityManagerFactory nor lockstep.revision.reference-url");
		}
		return this.revisions;
	}

	private CommandResult check(SchemaCheck check) {
		String output = (this.json != null) ? this.json.write(check) : TextReport.check(check);
		return new CommandResult(output, check.upToDate() ? 0 : LockstepException.EXIT_REFUSED);
	}

	private CommandResult revision(Optional<WrittenRevision> revision) {
		if (this.json != null) {
			Map<String, @Nullable Object> written = new LinkedHashMap<>();
			written.put("file", revision.map((file) -> file.file().toString()).orElse(null));
			written.put("changeSets", revision.map(WrittenRevision::changeSets).orElse(List.of()));
			written.put("includedIn", revision.map(WrittenRevision::includedIn).map(Object::toString).orElse(null));
			return done(this.json.write(written));
		}
		return done(revision.map(TextReport::revision).orElse(TextReport.NO_CHANGES));
	}

	private static CommandResult done(String output) {
		return new CommandResult(output, 0);
	}

	/**
	 * What a command printed and its exit code.
	 *
	 * @param output what it printed
	 * @param exitCode its exit code
	 */
	record CommandResult(String output, int exitCode) {

	}

}

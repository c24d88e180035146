package dev.lockstep.command;

import java.io.PrintStream;
import java.util.Locale;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.report.MigrationDescriptors;
import dev.lockstep.report.MigrationDescriptors.ChangeSetsDescriptor;
import dev.lockstep.report.MigrationDescriptors.OperationDescriptor;
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
 * it exits with 0; with {@code lockstep.command} it runs the command, prints its result
 * and exits with 0. A failure propagates and Spring Boot exits with the failure's own code.
 */
public class RunModeRunner implements ApplicationRunner, Ordered {

	private static final Log logger = LogFactory.getLog(RunModeRunner.class);

	private final Migrator migrator;

	private final ConfigurableApplicationContext context;

	private final @Nullable String command;

	private final @Nullable String target;

	private final boolean dryRun;

	private final @Nullable JsonReport json;

	private final String mode;

	private final PrintStream out;

	/**
	 * Create a new instance.
	 * @param migrator the engine
	 * @param context the application, closed before exiting
	 * @param command the command, or {@code null} after a migrate-only start
	 * @param target the command's target
	 * @param dryRun whether writes only print their SQL
	 * @param json writes JSON, or {@code null} for text
	 * @param mode the run mode, for the JSON summary
	 * @param out where results go
	 */
	public RunModeRunner(Migrator migrator, ConfigurableApplicationContext context, @Nullable String command,
			@Nullable String target, boolean dryRun, @Nullable JsonReport json, String mode, PrintStream out) {
		this.migrator = migrator;
		this.context = context;
		this.command = command;
		this.target = target;
		this.dryRun = dryRun;
		this.json = json;
		this.mode = mode;
		this.out = out;
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
		if (this.command != null) {
			this.out.print(execute(MigrationCommand.parse(this.command)));
			this.out.flush();
		}
		else {
			// The startup run has logged the current revision: reading the status again would
			// parse the changelog that the fast path spared this init container.
			logger.info("Lockstep migrate-only: done; exiting");
		}
		System.exit(SpringApplication.exit(this.context, () -> 0));
	}

	String execute(MigrationCommand command) {
		if (command.needsTarget() && (this.target == null || this.target.isBlank())) {
			throw new OperationRefusedException(Reason.MISSING_TARGET, "The " + command.name().toLowerCase(Locale.ROOT)
					+ " command needs a target: add --lockstep.target=head (or base, +N, -N, a tag, a changeset)");
		}
		return switch (command) {
			case CURRENT -> (this.json != null)
					? this.json.write(MigrationDescriptors.summary(this.migrator.history(),
							this.migrator.lockHolder().orElse(null), this.mode, null))
					: TextReport.current(this.migrator.history());
			case HISTORY -> (this.json != null)
					? this.json.write(ChangeSetsDescriptor.of(this.migrator.history().entries()))
					: TextReport.history(this.migrator.history());
			case UPGRADE -> report(this.migrator.upgrade(this.target, this.dryRun));
			case DOWNGRADE -> report(this.migrator.downgrade(this.target, this.dryRun));
			case STAMP -> report(this.migrator.stamp(this.target, this.dryRun));
			case SQL -> report(sql());
		};
	}

	private OperationResult sql() {
		try {
			return this.migrator.upgrade(this.target, true);
		}
		catch (OperationRefusedException ex) {
			if (ex.getReason() == Reason.WRONG_DIRECTION) {
				return this.migrator.downgrade(this.target, true);
			}
			throw ex;
		}
	}

	private String report(OperationResult result) {
		return (this.json != null) ? this.json.write(OperationDescriptor.of(result)) : TextReport.operation(result);
	}

}

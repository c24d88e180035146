package dev.lockstep.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.LockstepException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.HistoryQuery;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.report.MigrationDescriptors;
import dev.lockstep.report.MigrationDescriptors.ChangeSetsDescriptor;
import dev.lockstep.report.MigrationDescriptors.LastRunDescriptor;
import dev.lockstep.report.MigrationDescriptors.OperationDescriptor;
import dev.lockstep.report.MigrationDescriptors.SummaryDescriptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * The {@code migrations} endpoint: the current revision, history, what is pending and who
 * holds the migration lock; and, once an operator opens write access, upgrade, downgrade
 * and stamp, each with a dry run that returns the SQL. Read-only by default. Over JMX its
 * operations answer with the descriptors, and a refused or failed operation with its
 * reason; over HTTP, {@link MigrationsEndpointWebExtension} answers with status codes and
 * audits under the signed-in principal.
 */
@Endpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

	/**
	 * The type of the audit events the write operations publish.
	 */
	public static final String AUDIT_EVENT_TYPE = "LOCKSTEP_MIGRATION_OPERATION";

	/**
	 * The principal of writes through JMX, which names no user to the endpoint.
	 */
	static final String JMX_PRINCIPAL = "jmx";

	private static final List<String> OPERATIONS = List.of("upgrade", "downgrade", "stamp");

	private static final List<String> PARTS = List.of("history", "pending");

	private static final Log logger = LogFactory.getLog(MigrationsEndpoint.class);

	private final Map<String, MonitoredMigration> migrations;

	private final String mode;

	private final ApplicationEventPublisher eventPublisher;

	/**
	 * Create a new instance.
	 * @param migrations the application's migrations, the default one first, each with the
	 * short lock wait a request thread can afford
	 * @param mode the run mode, for the summary
	 * @param eventPublisher publishes the audit events
	 */
	public MigrationsEndpoint(List<MonitoredMigration> migrations, String mode,
			ApplicationEventPublisher eventPublisher) {
		Assert.notEmpty(migrations, "There must be at least one migration");
		this.migrations = new LinkedHashMap<>();
		migrations.forEach((migration) -> this.migrations.put(migration.name(), migration));
		this.mode = mode;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Return where the database of the default migration stands.
	 * @return the summary
	 */
	@ReadOperation
	public SummaryDescriptor summary() {
		return summaryOf(defaultMigration());
	}

	private SummaryDescriptor summaryOf(MonitoredMigration migration) {
		return MigrationDescriptors.summary(migration.name(), this.migrations.keySet(), migration.history().history(),
				migration.migrator().lockHolder().orElse(null), this.mode,
				migration.activity().lastRun().map(MigrationsEndpoint::lastRun).orElse(null));
	}

	/**
	 * Return a page of the changesets of one part of the default migration's history, or
	 * the summary of a migration named in place of the part.
	 * @param part {@code history} (all of them), {@code pending}, or a migration's name
	 * @param limit the most changesets to return, or {@code null} for all
	 * @param offset how many to skip, or {@code null} for none
	 * @param order {@code newest-first} or {@code oldest-first}; the history's default is
	 * newest first, the pending changesets' the order they would apply in
	 * @return the changesets, with how many the part has, or the migration's summary
	 * @throws InvalidEndpointRequestException if there is no such part or migration
	 * @throws OperationRefusedException if the page is not valid
	 */
	@ReadOperation
	public Object part(@Selector String part, @Nullable Integer limit, @Nullable Integer offset,
			@Nullable String order) {
		MonitoredMigration migration = this.migrations.get(part);
		if (migration != null) {
			return summaryOf(migration);
		}
		if (!PARTS.contains(part)) {
			throw new InvalidEndpointRequestException(
					"No such part or migration '" + part + "': use history, pending or one of " + names(),
					"Unknown part");
		}
		return partOf(defaultMigration(), part, limit, offset, order);
	}

	/**
	 * Return a page of the changesets of one part of a migration's history.
	 * @param migration the migration's name
	 * @param part {@code history} (all of them) or {@code pending}
	 * @param limit the most changesets to return, or {@code null} for all
	 * @param offset how many to skip, or {@code null} for none
	 * @param order {@code newest-first} or {@code oldest-first}
	 * @return the changesets, with how many the part has
	 * @throws OperationRefusedException if there is no such migration, or the page is not
	 * valid
	 * @throws InvalidEndpointRequestException if there is no such part
	 */
	@ReadOperation
	public ChangeSetsDescriptor migrationPart(@Selector String migration, @Selector String part,
			@Nullable Integer limit, @Nullable Integer offset, @Nullable String order) {
		return partOf(named(migration), part, limit, offset, order);
	}

	private ChangeSetsDescriptor partOf(MonitoredMigration migration, String part, @Nullable Integer limit,
			@Nullable Integer offset, @Nullable String order) {
		return switch (part) {
			case "history" -> ChangeSetsDescriptor
				.of(HistoryQuery.of(limit, offset, order, true).page(migration.history().history().entries()));
			// Pending changesets in the order they would apply, unless asked otherwise.
			case "pending" -> ChangeSetsDescriptor
				.of(HistoryQuery.of(limit, offset, order, false).page(migration.history().history().pending()));
			default -> throw new InvalidEndpointRequestException("No such part '" + part + "': use history or pending",
					"Unknown part");
		};
	}

	private MonitoredMigration defaultMigration() {
		return this.migrations.values().iterator().next();
	}

	/**
	 * Return a migration by name.
	 * @param name the name
	 * @return the migration
	 * @throws OperationRefusedException if there is no such migration
	 */
	MonitoredMigration named(String name) {
		MonitoredMigration migration = this.migrations.get(name);
		if (migration == null) {
			throw new OperationRefusedException(Reason.UNKNOWN_MIGRATION,
					"No migration named '" + name + "': use one of " + names());
		}
		return migration;
	}

	private String names() {
		return String.join(", ", this.migrations.keySet());
	}

	/**
	 * Run an operation as the JMX caller.
	 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what the operation did, or would do
	 * @throws LockstepException if it was refused or failed
	 */
	@WriteOperation
	public OperationDescriptor operate(@Selector String operation, @Nullable String target,
			@Nullable Boolean dryRun) {
		return operate(JMX_PRINCIPAL, defaultMigration(), operation, target, Boolean.TRUE.equals(dryRun));
	}

	/**
	 * Run an operation on a named migration as the JMX caller.
	 * @param migration the migration's name
	 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what the operation did, or would do
	 * @throws LockstepException if it was refused or failed
	 */
	@WriteOperation
	public OperationDescriptor operateOn(@Selector String migration, @Selector String operation,
			@Nullable String target, @Nullable Boolean dryRun) {
		return operate(JMX_PRINCIPAL, named(migration), operation, target, Boolean.TRUE.equals(dryRun));
	}

	/**
	 * Run an operation on the default migration, as {@link #operate(String, MonitoredMigration, String, String, boolean)}.
	 * @param principal who asked for it
	 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what the operation did, or would do
	 */
	OperationDescriptor operate(String principal, String operation, @Nullable String target, boolean dryRun) {
		return operate(principal, defaultMigration(), operation, target, dryRun);
	}

	/**
	 * Run an operation, record it with the endpoint's activity, log it and publish it as an
	 * audit event, whatever its outcome.
	 * @param principal who asked for it
	 * @param migration the migration to operate on
	 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what the operation did, or would do
	 * @throws OperationRefusedException if it was refused, before anything changed
	 * @throws LockWaitTimeoutException if the migration lock stayed held elsewhere
	 * @throws LockstepException if it failed
	 */
	OperationDescriptor operate(String principal, MonitoredMigration migration, String operation,
			@Nullable String target, boolean dryRun) {
		long start = System.nanoTime();
		Recorder recorder = new Recorder(principal, migration, operation, target, dryRun, start);
		try {
			OperationResult result = run(migration.migrator(), operation, target, dryRun);
			recorder.record(MigrationActivity.Outcome.SUCCESS, result.changeSets().size(), null);
			return OperationDescriptor.of(result);
		}
		catch (OperationRefusedException | LockWaitTimeoutException ex) {
			recorder.record(MigrationActivity.Outcome.REFUSED, 0, ex.getMessage());
			throw ex;
		}
		catch (LockstepException ex) {
			recorder.record(MigrationActivity.Outcome.FAILURE, 0, ex.getMessage());
			throw ex;
		}
	}

	private OperationResult run(Migrator migrator, String operation, @Nullable String target, boolean dryRun) {
		if (!OPERATIONS.contains(operation)) {
			throw new OperationRefusedException(Reason.UNKNOWN_OPERATION,
					"No such operation '" + operation + "': use upgrade, downgrade or stamp");
		}
		if (target == null || target.isBlank()) {
			throw new OperationRefusedException(Reason.MISSING_TARGET,
					"The " + operation + " operation needs a target, for example {\"target\": \"head\"}");
		}
		return switch (operation) {
			case "upgrade" -> migrator.upgrade(target, dryRun);
			case "downgrade" -> migrator.downgrade(target, dryRun);
			default -> migrator.stamp(target, dryRun);
		};
	}

	/**
	 * Records an operation, whatever its outcome, with its migration's activity, in the
	 * log and as an audit event.
	 */
	private final class Recorder {

		private final String principal;

		private final MonitoredMigration migration;

		private final String operation;

		private final @Nullable String target;

		private final boolean dryRun;

		private final long start;

		Recorder(String principal, MonitoredMigration migration, String operation, @Nullable String target,
				boolean dryRun, long start) {
			this.principal = principal;
			this.migration = migration;
			this.operation = operation;
			this.target = target;
			this.dryRun = dryRun;
			this.start = start;
		}

		void record(MigrationActivity.Outcome outcome, int changeSets, @Nullable String error) {
			Duration duration = Duration.ofNanos(System.nanoTime() - this.start);
			this.migration.activity()
				.record(new MigrationActivity.Run(this.operation, this.dryRun, Instant.now(), duration, outcome,
						changeSets, error));
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("migration", this.migration.name());
			data.put("operation", this.operation);
			data.put("target", String.valueOf(this.target));
			data.put("dryRun", this.dryRun);
			data.put("outcome", outcome.name());
			data.put("changeSets", changeSets);
			if (error != null) {
				data.put("error", error);
			}
			logger.info("Migration " + this.operation + ((this.dryRun) ? " (dry run)" : "") + " of '"
					+ this.migration.name() + "' to '" + this.target + "' by " + this.principal + ": " + outcome
					+ ((error != null) ? " - " + error : ", " + changeSets + " changesets"));
			MigrationsEndpoint.this.eventPublisher
				.publishEvent(new AuditApplicationEvent(this.principal, AUDIT_EVENT_TYPE, data));
		}

	}

	private static LastRunDescriptor lastRun(MigrationActivity.Run run) {
		return new LastRunDescriptor(run.operation(), run.outcome().name(), run.finishedAt(), run.duration().toMillis(),
				run.changeSets(), run.error());
	}

}

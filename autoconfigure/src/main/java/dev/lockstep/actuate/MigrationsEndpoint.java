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
import dev.lockstep.engine.MigrationHistory;
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

	private static final Log logger = LogFactory.getLog(MigrationsEndpoint.class);

	private final Migrator migrator;

	private final MigrationHistoryCache history;

	private final MigrationActivity activity;

	private final String mode;

	private final ApplicationEventPublisher eventPublisher;

	/**
	 * Create a new instance.
	 * @param migrator the engine, with the short lock wait a request thread can afford
	 * @param history the history, read again only when something changed
	 * @param activity what ran so far
	 * @param mode the run mode, for the summary
	 * @param eventPublisher publishes the audit events
	 */
	public MigrationsEndpoint(Migrator migrator, MigrationHistoryCache history, MigrationActivity activity,
			String mode, ApplicationEventPublisher eventPublisher) {
		this.migrator = migrator;
		this.history = history;
		this.activity = activity;
		this.mode = mode;
		this.eventPublisher = eventPublisher;
	}

	@ReadOperation
	public SummaryDescriptor summary() {
		return MigrationDescriptors.summary(this.history.history(), this.migrator.lockHolder().orElse(null),
				this.mode, this.activity.lastRun().map(MigrationsEndpoint::lastRun).orElse(null));
	}

	/**
	 * Return a page of the changesets of one part of the history.
	 * @param part {@code history} (all of them) or {@code pending}
	 * @param limit the most changesets to return, or {@code null} for all
	 * @param offset how many to skip, or {@code null} for none
	 * @param order {@code newest-first} or {@code oldest-first}; the history's default is
	 * newest first, the pending changesets' the order they would apply in
	 * @return the changesets, with how many the part has
	 * @throws InvalidEndpointRequestException if there is no such part
	 * @throws OperationRefusedException if the page is not valid
	 */
	@ReadOperation
	public ChangeSetsDescriptor part(@Selector String part, @Nullable Integer limit, @Nullable Integer offset,
			@Nullable String order) {
		MigrationHistory history = this.history.history();
		return switch (part) {
			case "history" -> ChangeSetsDescriptor.of(HistoryQuery.of(limit, offset, order, true).page(history.entries()));
			// Pending changesets in the order they would apply, unless asked otherwise.
			case "pending" -> ChangeSetsDescriptor.of(HistoryQuery.of(limit, offset, order, false).page(history.pending()));
			default -> throw new InvalidEndpointRequestException("No such part '" + part + "': use history or pending",
					"Unknown part");
		};
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
		return operate(JMX_PRINCIPAL, operation, target, Boolean.TRUE.equals(dryRun));
	}

	/**
	 * Run an operation, record it with the endpoint's activity, log it and publish it as an
	 * audit event, whatever its outcome.
	 * @param principal who asked for it
	 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what the operation did, or would do
	 * @throws OperationRefusedException if it was refused, before anything changed
	 * @throws LockWaitTimeoutException if the migration lock stayed held elsewhere
	 * @throws LockstepException if it failed
	 */
	OperationDescriptor operate(String principal, String operation, @Nullable String target, boolean dryRun) {
		long start = System.nanoTime();
		try {
			OperationResult result = run(operation, target, dryRun);
			record(principal, operation, target, dryRun, start, MigrationActivity.Outcome.SUCCESS,
					result.changeSets().size(), null);
			return OperationDescriptor.of(result);
		}
		catch (OperationRefusedException | LockWaitTimeoutException ex) {
			record(principal, operation, target, dryRun, start, MigrationActivity.Outcome.REFUSED, 0, ex.getMessage());
			throw ex;
		}
		catch (LockstepException ex) {
			record(principal, operation, target, dryRun, start, MigrationActivity.Outcome.FAILURE, 0, ex.getMessage());
			throw ex;
		}
	}

	private OperationResult run(String operation, @Nullable String target, boolean dryRun) {
		if (!OPERATIONS.contains(operation)) {
			throw new OperationRefusedException(Reason.UNKNOWN_OPERATION,
					"No such operation '" + operation + "': use upgrade, downgrade or stamp");
		}
		if (target == null || target.isBlank()) {
			throw new OperationRefusedException(Reason.MISSING_TARGET,
					"The " + operation + " operation needs a target, for example {\"target\": \"head\"}");
		}
		return switch (operation) {
			case "upgrade" -> this.migrator.upgrade(target, dryRun);
			case "downgrade" -> this.migrator.downgrade(target, dryRun);
			default -> this.migrator.stamp(target, dryRun);
		};
	}

	private void record(String principal, String operation, @Nullable String target, boolean dryRun, long start,
			MigrationActivity.Outcome outcome, int changeSets, @Nullable String error) {
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		this.activity.record(
				new MigrationActivity.Run(operation, dryRun, Instant.now(), duration, outcome, changeSets, error));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("operation", operation);
		data.put("target", String.valueOf(target));
		data.put("dryRun", dryRun);
		data.put("outcome", outcome.name());
		data.put("changeSets", changeSets);
		if (error != null) {
			data.put("error", error);
		}
		logger.info("Migration " + operation + ((dryRun) ? " (dry run)" : "") + " to '" + target + "' by "
				+ principal + ": " + outcome + ((error != null) ? " - " + error : ", " + changeSets + " changesets"));
		this.eventPublisher.publishEvent(new AuditApplicationEvent(principal, AUDIT_EVENT_TYPE, data));
	}

	private static LastRunDescriptor lastRun(MigrationActivity.Run run) {
		return new LastRunDescriptor(run.operation(), run.outcome().name(), run.finishedAt(), run.duration().toMillis(),
				run.changeSets(), run.error());
	}

}

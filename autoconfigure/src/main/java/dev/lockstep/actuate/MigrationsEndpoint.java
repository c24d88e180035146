package dev.lockstep.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.LockstepException;
import dev.lockstep.OperationRefusedException;
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
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The {@code migrations} endpoint: the current revision, history, what is pending and who
 * holds the migration lock; and, once an operator opens write access, upgrade, downgrade
 * and stamp, each with a dry run that returns the SQL. Read-only by default.
 */
@WebEndpoint(id = "migrations", defaultAccess = Access.READ_ONLY)
public class MigrationsEndpoint {

	/**
	 * The type of the audit events the write operations publish.
	 */
	public static final String AUDIT_EVENT_TYPE = "LOCKSTEP_MIGRATION_OPERATION";

	private static final Log logger = LogFactory.getLog(MigrationsEndpoint.class);

	private final Migrator migrator;

	private final MigrationActivity activity;

	private final String mode;

	private final ApplicationEventPublisher eventPublisher;

	/**
	 * Create a new instance.
	 * @param migrator the engine, with the short lock wait a request thread can afford
	 * @param activity what ran so far
	 * @param mode the run mode, for the summary
	 * @param eventPublisher publishes the audit events
	 */
	public MigrationsEndpoint(Migrator migrator, MigrationActivity activity, String mode,
			ApplicationEventPublisher eventPublisher) {
		this.migrator = migrator;
		this.activity = activity;
		this.mode = mode;
		this.eventPublisher = eventPublisher;
	}

	@ReadOperation
	public SummaryDescriptor summary() {
		return MigrationDescriptors.summary(this.migrator.history(), this.migrator.lockHolder().orElse(null),
				this.mode, this.activity.lastRun().map(MigrationsEndpoint::lastRun).orElse(null));
	}

	@ReadOperation
	public WebEndpointResponse<Object> part(@Selector String part) {
		return switch (part) {
			case "history" -> new WebEndpointResponse<>(ChangeSetsDescriptor.of(this.migrator.history().entries()));
			case "pending" -> new WebEndpointResponse<>(ChangeSetsDescriptor.of(this.migrator.history().pending()));
			default -> error(WebEndpointResponse.STATUS_NOT_FOUND, "UNKNOWN_PART",
					"No such part '" + part + "': use history or pending", List.of());
		};
	}

	@WriteOperation
	public WebEndpointResponse<Object> operate(@Selector String operation, @Nullable String target,
			@Nullable Boolean dryRun, SecurityContext securityContext) {
		String principal = (securityContext.getPrincipal() != null) ? securityContext.getPrincipal().getName()
				: "anonymous";
		boolean preview = Boolean.TRUE.equals(dryRun);
		long start = System.nanoTime();
		if (!List.of("upgrade", "downgrade", "stamp").contains(operation)) {
			return refused(principal, operation, target, preview, start, WebEndpointResponse.STATUS_BAD_REQUEST,
					OperationRefusedException.Reason.UNKNOWN_OPERATION.name(), "No such operation '" + operation + "': use upgrade, downgrade or stamp",
					List.of());
		}
		if (target == null || target.isBlank()) {
			return refused(principal, operation, target, preview, start, WebEndpointResponse.STATUS_BAD_REQUEST,
					OperationRefusedException.Reason.MISSING_TARGET.name(), "The request body needs a target, for example {\"target\": \"head\"}",
					List.of());
		}
		try {
			OperationResult result = switch (operation) {
				case "upgrade" -> this.migrator.upgrade(target, preview);
				case "downgrade" -> this.migrator.downgrade(target, preview);
				default -> this.migrator.stamp(target, preview);
			};
			record(principal, operation, target, preview, start, MigrationActivity.Outcome.SUCCESS,
					result.changeSets().size(), null);
			return new WebEndpointResponse<>(OperationDescriptor.of(result));
		}
		catch (OperationRefusedException ex) {
			return refused(principal, operation, target, preview, start, WebEndpointResponse.STATUS_BAD_REQUEST,
					ex.getReason().name(), ex.getMessage(), ex.getCandidates());
		}
		catch (LockWaitTimeoutException ex) {
			return refused(principal, operation, target, preview, start, 409, "LOCK_HELD", ex.getMessage(),
					List.of());
		}
		catch (LockstepException ex) {
			record(principal, operation, target, preview, start, MigrationActivity.Outcome.FAILURE, 0,
					ex.getMessage());
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "FAILED", ex.getMessage(), List.of());
		}
	}

	private WebEndpointResponse<Object> refused(String principal, String operation, @Nullable String target,
			boolean dryRun, long start, int status, String reason, String message, List<String> candidates) {
		record(principal, operation, target, dryRun, start, MigrationActivity.Outcome.REFUSED, 0, message);
		return error(status, reason, message, candidates);
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

	private static WebEndpointResponse<Object> error(int status, String reason, String message,
			List<String> candidates) {
		return new WebEndpointResponse<>(new ErrorDescriptor(status, reason, message, candidates), status);
	}

	/**
	 * Why a request was refused or failed. Nothing was changed by a refused request.
	 *
	 * @param status the HTTP status
	 * @param reason a stable code for the problem
	 * @param message the problem in words
	 * @param candidates what an ambiguous target could mean
	 */
	public record ErrorDescriptor(int status, String reason, String message, List<String> candidates) {

	}

}

package dev.lockstep.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.LockstepException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.engine.HistoryEntry;
import dev.lockstep.engine.MigrationHistory;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.engine.Revision;
import dev.lockstep.lock.LockHolder;
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
		MigrationHistory history = this.migrator.history();
		LockHolder holder = this.migrator.lockHolder().orElse(null);
		return new SummaryDescriptor(RevisionDescriptor.of(history.current(), history),
				(history.head() != null) ? RevisionDescriptor.of(history.head(), null, history) : null,
				history.isUpToDate(), history.pending().size(),
				new LockDescriptor(holder != null, (holder != null) ? holder.describe() : null), this.mode,
				this.activity.lastRun().map(LastRunDescriptor::of).orElse(null));
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
		if (!List.of("upgrade", "downgrade", "stamp").contains(operation)) {
			return refused(principal, operation, target, preview, WebEndpointResponse.STATUS_BAD_REQUEST,
					"UNKNOWN_OPERATION", "No such operation '" + operation + "': use upgrade, downgrade or stamp",
					List.of());
		}
		if (target == null || target.isBlank()) {
			return refused(principal, operation, target, preview, WebEndpointResponse.STATUS_BAD_REQUEST,
					"MISSING_TARGET", "The request body needs a target, for example {\"target\": \"head\"}",
					List.of());
		}
		long start = System.nanoTime();
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
			return refused(principal, operation, target, preview, WebEndpointResponse.STATUS_BAD_REQUEST,
					ex.getReason().name(), ex.getMessage(), ex.getCandidates());
		}
		catch (LockWaitTimeoutException ex) {
			return refused(principal, operation, target, preview, 409, "LOCK_HELD", ex.getMessage(), List.of());
		}
		catch (LockstepException ex) {
			record(principal, operation, target, preview, start, MigrationActivity.Outcome.FAILURE, 0,
					ex.getMessage());
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "FAILED", ex.getMessage(), List.of());
		}
	}

	private WebEndpointResponse<Object> refused(String principal, String operation, @Nullable String target,
			boolean dryRun, int status, String reason, String message, List<String> candidates) {
		record(principal, operation, target, dryRun, System.nanoTime(), MigrationActivity.Outcome.REFUSED, 0,
				message);
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

	private static WebEndpointResponse<Object> error(int status, String reason, String message,
			List<String> candidates) {
		return new WebEndpointResponse<>(new ErrorDescriptor(status, reason, message, candidates), status);
	}

	/**
	 * The summary: where the database stands and who holds the lock.
	 *
	 * @param current the current revision, or {@code null} if nothing is applied
	 * @param head the changelog's last changeset for the active contexts and labels
	 * @param upToDate whether nothing is pending
	 * @param pendingCount how many changesets are pending
	 * @param lock the migration lock
	 * @param mode the run mode
	 * @param lastRun the last run that changed the database or failed
	 */
	public record SummaryDescriptor(@Nullable RevisionDescriptor current, @Nullable RevisionDescriptor head,
			boolean upToDate, int pendingCount, LockDescriptor lock, String mode, @Nullable LastRunDescriptor lastRun) {

	}

	/**
	 * A revision.
	 *
	 * @param id the changeset's id
	 * @param fullName {@code path::id::author}
	 * @param tag the tag on it or the newest below it, if any
	 * @param appliedAt when it was applied, or {@code null} if it is not
	 */
	public record RevisionDescriptor(String id, String fullName, @Nullable String tag, @Nullable Instant appliedAt) {

		static @Nullable RevisionDescriptor of(@Nullable CurrentRevision current, MigrationHistory history) {
			return (current != null) ? of(current.revision(), current.tag(), history) : null;
		}

		static RevisionDescriptor of(Revision revision, @Nullable String tag, MigrationHistory history) {
			Instant appliedAt = history.entries()
				.stream()
				.filter((entry) -> entry.revision().equals(revision) && entry.isApplied())
				.map((entry) -> entry.applied().executedAt())
				.findFirst()
				.orElse(null);
			return new RevisionDescriptor(revision.id(), revision.fullName(), tag, appliedAt);
		}

	}

	/**
	 * The migration lock.
	 *
	 * @param held whether a session holds it
	 * @param holder who holds it, if held
	 */
	public record LockDescriptor(boolean held, @Nullable String holder) {

	}

	/**
	 * The last run that changed the database or failed.
	 *
	 * @param operation {@code startup}, {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param outcome {@code SUCCESS} or {@code FAILURE}
	 * @param finishedAt when it ended
	 * @param durationMs how long it took, in milliseconds
	 * @param changeSets how many changesets it ran
	 * @param error why it failed, if it did
	 */
	public record LastRunDescriptor(String operation, String outcome, Instant finishedAt, long durationMs,
			int changeSets, @Nullable String error) {

		static LastRunDescriptor of(MigrationActivity.Run run) {
			return new LastRunDescriptor(run.operation(), run.outcome().name(), run.finishedAt(),
					run.duration().toMillis(), run.changeSets(), run.error());
		}

	}

	/**
	 * Changesets with their states.
	 *
	 * @param changeSets the changesets
	 */
	public record ChangeSetsDescriptor(List<ChangeSetDescriptor> changeSets) {

		/**
		 * Describe history entries.
		 * @param entries the entries
		 * @return the descriptor
		 */
		public static ChangeSetsDescriptor of(List<HistoryEntry> entries) {
			return new ChangeSetsDescriptor(entries.stream().map(ChangeSetDescriptor::of).toList());
		}

	}

	/**
	 * One changeset with its state.
	 *
	 * @param id its id
	 * @param fullName {@code path::id::author}
	 * @param state {@code applied}, {@code changed}, {@code pending}, {@code filtered} or
	 * {@code missing_from_changelog}
	 * @param description what it does
	 * @param tag its tag, if any
	 * @param rollbackSupported whether a downgrade can roll it back
	 * @param applied how it was applied, or {@code null}
	 */
	public record ChangeSetDescriptor(String id, String fullName, String state, @Nullable String description,
			@Nullable String tag, boolean rollbackSupported, HistoryEntry.@Nullable Applied applied) {

		static ChangeSetDescriptor of(HistoryEntry entry) {
			return new ChangeSetDescriptor(entry.revision().id(), entry.revision().fullName(),
					entry.state().name().toLowerCase(Locale.ROOT), entry.description(), entry.tag(),
					entry.rollbackSupported(), entry.applied());
		}

	}

	/**
	 * What an operation did, or with a dry run would do.
	 *
	 * @param operation the operation
	 * @param target the target as given
	 * @param dryRun whether nothing was changed
	 * @param changeSets the changesets run, or that would run, in order
	 * @param sql with a dry run, the SQL that would run
	 * @param before the revision before
	 * @param after the revision after
	 * @param durationMs how long it took, in milliseconds
	 */
	public record OperationDescriptor(String operation, String target, boolean dryRun, List<String> changeSets,
			@Nullable String sql, @Nullable String before, @Nullable String after, long durationMs) {

		/**
		 * Describe an operation's result.
		 * @param result the result
		 * @return the descriptor
		 */
		public static OperationDescriptor of(OperationResult result) {
			return new OperationDescriptor(result.operation().name().toLowerCase(Locale.ROOT), result.target(),
					result.dryRun(), result.changeSets().stream().map(Revision::fullName).toList(), result.sql(),
					describe(result.before()), describe(result.after()), result.duration().toMillis());
		}

		private static @Nullable String describe(@Nullable CurrentRevision revision) {
			return (revision != null) ? revision.describe() : null;
		}

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

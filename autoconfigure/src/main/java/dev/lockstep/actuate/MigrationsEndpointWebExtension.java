package dev.lockstep.actuate;

import java.util.List;
import java.util.function.Supplier;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.LockstepException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP side of the {@code migrations} endpoint: an unknown part answers 404, a refused
 * operation 400 with its reason, a lock held elsewhere 409 naming the holder, and a failed
 * operation 500, each with an {@link ErrorDescriptor}; writes are audited under the
 * signed-in principal.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsEndpointWebExtension {

	private static final int STATUS_CONFLICT = 409;

	private final MigrationsEndpoint endpoint;

	/**
	 * Create a new instance.
	 * @param endpoint the endpoint
	 */
	public MigrationsEndpointWebExtension(MigrationsEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@ReadOperation
	public WebEndpointResponse<Object> part(@Selector String part, @Nullable Integer limit, @Nullable Integer offset,
			@Nullable String order) {
		return read(() -> this.endpoint.part(part, limit, offset, order));
	}

	@ReadOperation
	public WebEndpointResponse<Object> migrationPart(@Selector String migration, @Selector String part,
			@Nullable Integer limit, @Nullable Integer offset, @Nullable String order) {
		return read(() -> this.endpoint.migrationPart(migration, part, limit, offset, order));
	}

	private WebEndpointResponse<Object> read(Supplier<Object> read) {
		try {
			return new WebEndpointResponse<>(read.get());
		}
		catch (InvalidEndpointRequestException ex) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND, "UNKNOWN_PART", ex.getMessage(), List.of());
		}
		catch (OperationRefusedException ex) {
			return refused(ex);
		}
	}

	@WriteOperation
	public WebEndpointResponse<Object> operate(@Selector String operation, @Nullable String target,
			@Nullable Boolean dryRun, SecurityContext securityContext) {
		return write(() -> this.endpoint.operate(principal(securityContext), operation, target,
				Boolean.TRUE.equals(dryRun)));
	}

	@WriteOperation
	public WebEndpointResponse<Object> operateOn(@Selector String migration, @Selector String operation,
			@Nullable String target, @Nullable Boolean dryRun, SecurityContext securityContext) {
		return write(() -> this.endpoint.operate(principal(securityContext), this.endpoint.named(migration), operation,
				target, Boolean.TRUE.equals(dryRun)));
	}

	private static String principal(SecurityContext securityContext) {
		return (securityContext.getPrincipal() != null) ? securityContext.getPrincipal().getName() : "anonymous";
	}

	private WebEndpointResponse<Object> write(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get());
		}
		catch (OperationRefusedException ex) {
			return refused(ex);
		}
		catch (LockWaitTimeoutException ex) {
			return error(STATUS_CONFLICT, "LOCK_HELD", ex.getMessage(), List.of());
		}
		catch (LockstepException ex) {
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "FAILED", ex.getMessage(), List.of());
		}
	}

	/**
	 * An unknown migration answers 404, as an unknown part does; any other refusal 400.
	 */
	private static WebEndpointResponse<Object> refused(OperationRefusedException ex) {
		int status = (ex.getReason() == Reason.UNKNOWN_MIGRATION) ? WebEndpointResponse.STATUS_NOT_FOUND
				: WebEndpointResponse.STATUS_BAD_REQUEST;
		return error(status, ex.getReason().name(), ex.getMessage(), ex.getCandidates());
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

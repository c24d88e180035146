package dev.lockstep.autoconfigure;

import dev.lockstep.DatabaseUnreachableException;
import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.PendingChangesetsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed Lockstep start into one paragraph and an action, in place of a stack
 * trace.
 */
class LockstepFailureAnalyzer extends AbstractFailureAnalyzer<LockstepException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LockstepException cause) {
		return new FailureAnalysis(cause.getMessage(), action(cause), cause);
	}

	private String action(LockstepException cause) {
		if (cause instanceof LockWaitTimeoutException) {
			return "Check that the holder named above is still making progress. If it is a migration that "
					+ "takes long, raise 'lockstep.lock.wait-timeout'; if it is stuck, end that session.";
		}
		if (cause instanceof LockWaitCancelledException) {
			return "No action is needed: the start was stopped while it waited for another instance to "
					+ "finish migrating.";
		}
		if (cause instanceof MigrationFailedException) {
			return "Fix the changeset named above (or the database state it depends on) and start again. "
					+ "The migration lock was released, so the next start retries it.";
		}
		if (cause instanceof PendingChangesetsException) {
			return "Apply the pending changesets first (an init container or Job running this application with "
					+ "lockstep.mode=migrate-only), or set lockstep.mode=migrate.";
		}
		if (cause instanceof OperationRefusedException) {
			return "Nothing was changed. Correct the command or target named above and run it again.";
		}
		if (cause instanceof DatabaseUnreachableException) {
			return "Check that the database is running and reachable at the address above, and review "
					+ "'spring.datasource.*' (or 'spring.liquibase.url', '.user', '.password').";
		}
		return "See the message above.";
	}

}

package dev.lockstep.autoconfigure;

import dev.lockstep.LockstepException;
import dev.lockstep.startup.StartupMigrationFailure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed Lockstep start into one paragraph and an action, in place of a stack
 * trace.
 */
class LockstepFailureAnalyzer extends AbstractFailureAnalyzer<LockstepException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LockstepException cause) {
		StartupMigrationFailure startup = findCause(rootFailure, StartupMigrationFailure.class);
		String migration = (startup != null) ? startup.getMigration() : null;
		return new FailureAnalysis(StartupMigrationFailure.describe(migration, cause.getMessage()), cause.getAction(),
				cause);
	}

}

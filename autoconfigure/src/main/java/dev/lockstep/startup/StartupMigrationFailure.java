package dev.lockstep.startup;

import dev.lockstep.LockstepException;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A startup migration that failed, as Spring Boot sees it: the process exits with the
 * failure's own exit code, as {@code migrate-only} promises. Spring Boot asks only the
 * exceptions of a start that fails during refresh for their exit code, so the engine's
 * failures, which know nothing of Spring Boot, travel inside this one.
 */
public final class StartupMigrationFailure extends RuntimeException implements ExitCodeGenerator {

	/**
	 * Create a new instance.
	 * @param failure what failed
	 */
	public StartupMigrationFailure(LockstepException failure) {
		super(failure.getMessage(), failure);
	}

	@Override
	public int getExitCode() {
		return ((LockstepException) getCause()).getExitCode();
	}

}

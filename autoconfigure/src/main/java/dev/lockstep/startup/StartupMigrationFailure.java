package dev.lockstep.startup;

import dev.lockstep.LockstepException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A startup migration that failed, as Spring Boot sees it: the process exits with the
 * failure's own exit code, as {@code migrate-only} promises. Spring Boot asks only the
 * exceptions of a start that fails during refresh for their exit code, so the engine's
 * failures, which know nothing of Spring Boot, travel inside this one.
 */
public final class StartupMigrationFailure extends RuntimeException implements ExitCodeGenerator {

	private final @Nullable String migration;

	/**
	 * Create a new instance.
	 * @param failure what failed
	 */
	public StartupMigrationFailure(LockstepException failure) {
		this(null, failure);
	}

	/**
	 * Create a new instance for one of several migrations.
	 * @param migration the name of the migration that failed, or {@code null} when the
	 * application has only one
	 * @param failure what failed
	 */
	public StartupMigrationFailure(@Nullable String migration, LockstepException failure) {
		super(describe(migration, failure.getMessage()), failure);
		this.migration = migration;
	}

	/**
	 * Name the migration in a message, where the application has several.
	 * @param migration the migration's name, or {@code null} when there is only one
	 * @param message the message
	 * @return the message, after the migration's name if there is one
	 */
	public static String describe(@Nullable String migration, String message) {
		return (migration != null) ? "Migration '" + migration + "': " + message : message;
	}

	/**
	 * Return the name of the migration that failed.
	 * @return the name, or {@code null} when the application has only one
	 */
	public @Nullable String getMigration() {
		return this.migration;
	}

	@Override
	public int getExitCode() {
		return ((LockstepException) getCause()).getExitCode();
	}

}

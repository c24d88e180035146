package dev.lockstep.autoconfigure;

import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;

import org.springframework.core.env.Environment;

/**
 * Builds the lock settings from {@code lockstep.lock.*}.
 */
final class LockSettings {

	private LockSettings() {
	}

	static LockWaitPolicy waitPolicy(LockstepProperties properties) {
		LockstepProperties.Lock lock = properties.getLock();
		return new LockWaitPolicy(lock.getWaitTimeout(), lock.getPollInterval(), lock.getProgressInterval());
	}

	/**
	 * The lock session names the application and process, so a waiter or an operator can
	 * tell who holds the lock.
	 */
	static LockSessionSettings sessionSettings(LockstepProperties properties, Environment environment) {
		String application = environment.getProperty("spring.application.name", "application");
		return new LockSessionSettings(application + " (lockstep pid " + ProcessHandle.current().pid() + ")");
	}

}

package dev.lockstep.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import dev.lockstep.lease.LeaseLockProvider;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLockProvider;

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
	 * The providers that {@code lockstep.lock.kind} allows, in the order they are tried: by
	 * default each database's own lock, then the lease for any other database.
	 */
	static List<MigrationLockProvider> providers(LockstepProperties properties,
			List<? extends MigrationLockProvider> available) {
		LockstepProperties.Lock.Kind kind = properties.getLock().getKind();
		Stream<MigrationLockProvider> advisory = available.stream()
			.filter((provider) -> !(provider instanceof LeaseLockProvider))
			.map(MigrationLockProvider.class::cast);
		Stream<MigrationLockProvider> lease = available.stream()
			.filter(LeaseLockProvider.class::isInstance)
			.map(MigrationLockProvider.class::cast);
		if (kind == null) {
			return Stream.concat(advisory, lease).toList();
		}
		return switch (kind) {
			case ADVISORY -> advisory.toList();
			case LEASE -> lease.toList();
			case NONE -> List.of();
		};
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

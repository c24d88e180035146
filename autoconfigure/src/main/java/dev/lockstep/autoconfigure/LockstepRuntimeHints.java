package dev.lockstep.autoconfigure;

import dev.lockstep.engine.LockstepLockService;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs of Lockstep: the changelogs at Spring Boot's default location
 * (Boot's own Liquibase auto-configuration registers them, and Lockstep's import filter
 * leaves it out), and Lockstep's lock service, which Liquibase loads through its service
 * loader.
 */
class LockstepRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("db/changelog/**");
		// Liquibase runs on a proxy of the lock session's connection (see ChangeSetCommits).
		hints.proxies().registerJdkProxy(java.sql.Connection.class);
		hints.resources().registerPattern("META-INF/services/liquibase.lockservice.LockService");
		hints.reflection().registerType(LockstepLockService.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
	}

}

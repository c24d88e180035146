package dev.lockstep.startup;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link LockstepStartupMigration}: JPA and every
 * other bean that depends on database initialization waits for the migration.
 */
class LockstepDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(LockstepStartupMigration.class, StartupMigrations.class);
	}

}

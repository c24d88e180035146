package dev.lockstep.autoconfigure;

import dev.lockstep.engine.Migrator;
import dev.lockstep.lock.LockListener;
import dev.lockstep.startup.LockstepSpringLiquibase;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the operations engine ({@link Migrator}) over the changelog and
 * database that Lockstep migrates at startup.
 */
@AutoConfiguration(after = LockstepAutoConfiguration.class)
@ConditionalOnBean(LockstepSpringLiquibase.class)
public final class LockstepMigratorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Migrator lockstepMigrator(LockstepSpringLiquibase liquibase, ResourceLoader resourceLoader,
			LockstepProperties properties, Environment environment) {
		return new Migrator(liquibase.getDataSource(), resourceLoader, liquibase.migrationSettings(),
				LockSettings.waitPolicy(properties), LockSettings.sessionSettings(properties, environment),
				LockListener.NONE);
	}

}

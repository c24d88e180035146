package dev.lockstep.test.template;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.fastpath.FastPath;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.postgres.PostgresFastPathDialect;
import dev.lockstep.postgres.PostgresLockProvider;
import dev.lockstep.postgres.PostgresSearchPath;
import dev.lockstep.startup.LockstepStartupMigration;

import org.springframework.core.io.ResourceLoader;

/**
 * Applies a changelog to a database the way an application's start does, with Lockstep's
 * startup run, so that the database also holds the fast path's state: an application
 * started on a copy finds nothing pending in one query, without Liquibase.
 */
final class TemplateBuilder {

	private TemplateBuilder() {
	}

	static void migrate(DataSource dataSource, MigrationSettings settings, ResourceLoader resourceLoader,
			String description) {
		LockstepMigration migration = new LockstepMigration("template", dataSource, settings, description);
		FastPath fastPath = new FastPath(migration, resourceLoader, List.of(new PostgresFastPathDialect()), true);
		LockedLiquibaseRunner runner = new LockedLiquibaseRunner(
				new MigrationLocks(List.of(new PostgresLockProvider(Duration.ofSeconds(1), dataSource))),
				List.of(new PostgresSearchPath()),
				new LockWaitPolicy(Duration.ofMinutes(10), Duration.ofMillis(250), Duration.ofSeconds(10)),
				new LockSessionSettings("lockstep template build"), LockListener.NONE);
		new LockstepStartupMigration(fastPath, resourceLoader, settings::applyTo, runner).afterPropertiesSet();
	}

}

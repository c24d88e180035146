package dev.lockstep.startup;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;

/**
 * Runs further migrations at startup, one after another in the order given: each under
 * its own lock, with its own fast path. The first that fails stops the start, and those
 * after it do not run.
 */
public class StartupMigrations implements InitializingBean, ApplicationEventPublisherAware {

	private final List<LockstepStartupMigration> migrations;

	/**
	 * Create a new instance.
	 * @param migrations the migrations, in the order they run
	 */
	public StartupMigrations(List<LockstepStartupMigration> migrations) {
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * Return the migrations, in the order they run.
	 * @return the migrations
	 */
	public List<LockstepStartupMigration> migrations() {
		return this.migrations;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.migrations.forEach((migration) -> migration.setApplicationEventPublisher(eventPublisher));
	}

	@Override
	public void afterPropertiesSet() {
		for (LockstepStartupMigration migration : this.migrations) {
			migration.afterPropertiesSet();
		}
	}

}

package dev.lockstep.event;

import dev.lockstep.engine.Migrators;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the application events Lockstep publishes. The source is the bean that runs the
 * migrations.
 */
public abstract class LockstepEvent extends ApplicationEvent {

	/**
	 * The name of the migration of {@code spring.liquibase.*}.
	 */
	public static final String DEFAULT_MIGRATION = Migrators.DEFAULT;

	protected LockstepEvent(Object source) {
		super(source);
	}

	/**
	 * Return the name of the migration this event is about.
	 * @return the name: {@link #DEFAULT_MIGRATION} for the migration of
	 * {@code spring.liquibase.*}, else its name under {@code lockstep.migrations}
	 */
	public String getMigrationName() {
		return (getSource() instanceof MigrationSource source) ? source.migrationName() : DEFAULT_MIGRATION;
	}

}

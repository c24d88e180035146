package dev.lockstep.event;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the application events Lockstep publishes. The source is the bean that runs the
 * migrations.
 */
public abstract class LockstepEvent extends ApplicationEvent {

	protected LockstepEvent(Object source) {
		super(source);
	}

}

package dev.lockstep.startup;

import java.time.Duration;

import dev.lockstep.Durations;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationLockReleasedEvent;
import dev.lockstep.event.MigrationLockWaitingEvent;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockName;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Logs the migration lock's progress during a start and publishes it as application
 * events.
 */
class StartupLockListener implements LockListener {

	private static final Log logger = LogFactory.getLog(StartupLockListener.class);

	private final Object source;

	private final ApplicationEventPublisher publisher;

	StartupLockListener(Object source, ApplicationEventPublisher publisher) {
		this.source = source;
		this.publisher = publisher;
	}

	@Override
	public void waiting(LockName name, LockHolder holder, Duration waited) {
		logger.info("Waiting for the " + name + ", held by " + holder.describe() + " (waited "
				+ Durations.format(waited) + ")");
		this.publisher.publishEvent(new MigrationLockWaitingEvent(this.source, name, holder, waited));
	}

	@Override
	public void acquired(LockGrant grant) {
		if (logger.isDebugEnabled()) {
			String shared = (grant.mode() == LockGrant.Mode.SHARED) ? " shared, to check what is left to do," : "";
			logger.debug("Took the " + grant.name() + shared + " after " + Durations.format(grant.waited()));
		}
		this.publisher.publishEvent(new MigrationLockAcquiredEvent(this.source, grant));
	}

	@Override
	public void released(LockGrant grant) {
		if (logger.isDebugEnabled()) {
			logger.debug("Released the " + grant.name() + ((grant.mode() == LockGrant.Mode.SHARED) ? " (shared)" : ""));
		}
		this.publisher.publishEvent(new MigrationLockReleasedEvent(this.source, grant));
	}

}

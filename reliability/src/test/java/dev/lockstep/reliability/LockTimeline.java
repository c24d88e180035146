package dev.lockstep.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.lockstep.event.LockstepEvent;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationLockReleasedEvent;

import org.springframework.context.ApplicationListener;

/**
 * The lock events of several instances in one JVM, with when each happened: the lock's
 * hand-offs, from a release to the acquisitions by other instances that follow it.
 */
final class LockTimeline {

	private final List<Timed> events = new CopyOnWriteArrayList<>();

	/**
	 * Return a listener for one instance that records its events here.
	 * @return the listener
	 */
	ApplicationListener<LockstepEvent> recorder() {
		return (event) -> this.events.add(new Timed(System.nanoTime(), event));
	}

	/**
	 * Return the time of the first release, or of the first event if none was released.
	 * @return a {@link System#nanoTime()} value
	 */
	long firstRelease() {
		return ordered().stream()
			.filter((timed) -> timed.event() instanceof MigrationLockReleasedEvent)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No lock release among " + this.events))
			.nanoTime();
	}

	/**
	 * Return every hand-off: from a release to each acquisition that follows it by an
	 * instance that waited.
	 * @return the hand-offs
	 */
	List<Duration> handOffs() {
		List<Duration> handOffs = new ArrayList<>();
		Timed lastRelease = null;
		for (Timed timed : ordered()) {
			if (timed.event() instanceof MigrationLockReleasedEvent) {
				lastRelease = timed;
			}
			if (timed.event() instanceof MigrationLockAcquiredEvent acquired
					&& acquired.getGrant().previousHolder() != null && lastRelease != null
					&& lastRelease.event().getSource() != acquired.getSource()) {
				handOffs.add(Duration.ofNanos(timed.nanoTime() - lastRelease.nanoTime()));
			}
		}
		return handOffs;
	}

	private List<Timed> ordered() {
		return this.events.stream().sorted(Comparator.comparingLong(Timed::nanoTime)).toList();
	}

	private record Timed(long nanoTime, LockstepEvent event) {

	}

}

package dev.lockstep.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What migrations this application ran, and how they ended: the startup run and every
 * operation since. Health, metrics and the endpoint read it.
 */
public class MigrationActivity {

	/**
	 * How many lock waits are kept, for listeners that subscribe late (a meter registry
	 * bound after the startup run).
	 */
	private static final int KEPT = 100;

	private final Deque<Duration> lockWaits = new ArrayDeque<>();

	private final List<Consumer<Duration>> lockWaitListeners = new ArrayList<>();

	private long appliedTotal;

	private @Nullable Run lastRun;

	/**
	 * Record a finished run.
	 * @param run the run
	 */
	public void record(Run run) {
		synchronized (this) {
			if (!run.dryRun() && run.outcome() != Outcome.REFUSED) {
				this.lastRun = run;
			}
			if (run.outcome() == Outcome.SUCCESS && !run.dryRun()
					&& (run.operation().equals("upgrade") || run.operation().equals("startup"))) {
				this.appliedTotal += run.changeSets();
			}
		}
	}

	/**
	 * Record how long a run waited for the migration lock.
	 * @param waited the wait
	 */
	public void recordLockWait(Duration waited) {
		publish(this.lockWaits, this.lockWaitListeners, waited);
	}

	/**
	 * Return the last run that changed the database or failed (dry runs and refusals do
	 * not count).
	 * @return the last run
	 */
	public synchronized Optional<Run> lastRun() {
		return Optional.ofNullable(this.lastRun);
	}

	/**
	 * Return how many changesets this application applied.
	 * @return the number applied, at startup and by upgrades
	 */
	public synchronized long appliedTotal() {
		return this.appliedTotal;
	}

	/**
	 * Be told of every lock wait, those already recorded first.
	 * @param listener the listener
	 */
	public void onLockWait(Consumer<Duration> listener) {
		subscribe(this.lockWaits, this.lockWaitListeners, listener);
	}

	/**
	 * Keep the item for late listeners (a bounded number) and tell the current ones.
	 */
	private <T> void publish(Deque<T> kept, List<Consumer<T>> listeners, T item) {
		List<Consumer<T>> current;
		synchronized (this) {
			kept.addLast(item);
			if (kept.size() > KEPT) {
				kept.removeFirst();
			}
			current = List.copyOf(listeners);
		}
		current.forEach((listener) -> listener.accept(item));
	}

	private <T> void subscribe(Deque<T> kept, List<Consumer<T>> listeners, Consumer<T> listener) {
		List<T> past;
		synchronized (this) {
			past = List.copyOf(kept);
			listeners.add(listener);
		}
		past.forEach(listener);
	}

	/**
	 * How a run ended.
	 */
	public enum Outcome {

		/**
		 * It did what was asked.
		 */
		SUCCESS,

		/**
		 * It was refused before it touched anything.
		 */
		REFUSED,

		/**
		 * It failed.
		 */
		FAILURE

	}

	/**
	 * One finished run.
	 *
	 * @param operation {@code startup}, {@code upgrade}, {@code downgrade} or {@code stamp}
	 * @param dryRun whether it only previewed
	 * @param finishedAt when it ended
	 * @param duration how long it took
	 * @param outcome how it ended
	 * @param changeSets how many changesets it ran (or would have)
	 * @param error why it failed or was refused, if it did not succeed
	 */
	public record Run(String operation, boolean dryRun, Instant finishedAt, Duration duration, Outcome outcome,
			int changeSets, @Nullable String error) {

	}

}

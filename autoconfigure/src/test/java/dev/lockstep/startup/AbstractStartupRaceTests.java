package dev.lockstep.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.lockstep.event.LockstepEvent;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationLockReleasedEvent;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.ServerDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight application instances, each with its own connection pool, start at the same
 * instant on an empty database: every one starts, every changeset runs exactly once, and
 * each waiter takes the lock within milliseconds of the holder's release. Each database
 * family's test extends this against its real server.
 */
public abstract class AbstractStartupRaceTests {

	private static final int INSTANCES = 8;

	/**
	 * Return the empty database the instances start on.
	 * @return the database
	 */
	protected abstract ServerDatabase database();

	/**
	 * Return how waiters hold the lock to check what is left to do: shared where the lock
	 * has a shared mode, else exclusively.
	 * @return the mode
	 */
	protected abstract LockGrant.Mode waitersCheckUnder();

	/**
	 * Return the changelog table's name as the database spells it.
	 * @return the name
	 */
	protected String changelogTable() {
		return "databasechangelog";
	}

	@Test
	void instancesStartingTogetherMigrateOnceAndHandOverTheLockPromptly() throws Exception {
		ServerDatabase database = database();
		List<TimedEvent> events = new CopyOnWriteArrayList<>();
		CyclicBarrier startLine = new CyclicBarrier(INSTANCES);
		ExecutorService executor = Executors.newFixedThreadPool(INSTANCES);
		List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			ApplicationListener<LockstepEvent> recorder = (event) -> events.add(new TimedEvent(System.nanoTime(), event));
			starts.add(executor.submit(() -> {
				startLine.await();
				return MigratingApplication.start(database, "classpath:db/race/changelog.yaml", recorder);
			}));
		}
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		for (Future<ConfigurableApplicationContext> start : starts) {
			contexts.add(start.get(2, TimeUnit.MINUTES));
		}
		executor.shutdown();
		assertThat(contexts).hasSize(INSTANCES).allMatch(ConfigurableApplicationContext::isActive);
		contexts.forEach(ConfigurableApplicationContext::close);
		assertThat(database.jdbc().queryForList("SELECT note FROM runs ORDER BY id", String.class))
			.containsExactly("slow", "after");
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM " + changelogTable(), Integer.class))
			.isEqualTo(3);
		assertThat(events).extracting(TimedEvent::event)
			.filteredOn(MigrationLockAcquiredEvent.class::isInstance)
			.extracting((event) -> ((MigrationLockAcquiredEvent) event).getGrant())
			.filteredOn((grant) -> grant.previousHolder() != null)
			.extracting(LockGrant::mode)
			.as("waiters check what is left to do under the lock held %s", waitersCheckUnder())
			.contains(waitersCheckUnder());
		List<Duration> handOffs = handOffs(events);
		System.out.println(getClass().getSimpleName() + ": lock hand-off per waiter (release -> next acquire): " + handOffs.stream()
			.map((handOff) -> String.format("%.1f ms", handOff.toNanos() / 1e6))
			.toList());
		assertThat(handOffs).isNotEmpty().allSatisfy((handOff) -> assertThat(handOff).isLessThan(Duration.ofMillis(200)));
	}

	/**
	 * From each release to the acquisitions by other instances that follow it: waiters
	 * check side by side under the shared lock, so several can follow one release.
	 */
	private static List<Duration> handOffs(List<TimedEvent> events) {
		List<TimedEvent> ordered = events.stream().sorted(Comparator.comparingLong(TimedEvent::nanoTime)).toList();
		List<Duration> handOffs = new ArrayList<>();
		TimedEvent lastRelease = null;
		for (TimedEvent timed : ordered) {
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

	record TimedEvent(long nanoTime, LockstepEvent event) {

	}

}

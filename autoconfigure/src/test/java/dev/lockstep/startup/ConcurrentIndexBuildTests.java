package dev.lockstep.startup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A holder's {@code CREATE INDEX CONCURRENTLY} (on 200,000 rows, outside a transaction)
 * while two other instances wait for longer than PostgreSQL's deadlock timeout: waiters
 * hold no snapshot, so the index builds and is valid, and nothing deadlocks.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentIndexBuildTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void concurrentIndexBuildInTheHolderNeverDeadlocksWithWaiters(CapturedOutput output) throws Exception {
		Duration deadlockTimeout = Duration.ofMillis(database.jdbc()
			.queryForObject("SELECT setting::int FROM pg_settings WHERE name = 'deadlock_timeout'", Integer.class));
		List<MigrationLockAcquiredEvent> grants = new CopyOnWriteArrayList<>();
		ApplicationListener<MigrationLockAcquiredEvent> recorder = grants::add;
		ExecutorService executor = Executors.newFixedThreadPool(3);
		List<CompletableFuture<ConfigurableApplicationContext>> starts = List.of(start(recorder, executor),
				start(recorder, executor), start(recorder, executor));
		for (CompletableFuture<ConfigurableApplicationContext> start : starts) {
			start.get(2, TimeUnit.MINUTES).close();
		}
		executor.shutdown();
		assertThat(grants).hasSize(3);
		assertThat(grants).filteredOn((grant) -> grant.getGrant().waited().compareTo(deadlockTimeout) > 0)
			.as("instances that waited longer than deadlock_timeout (%s)", deadlockTimeout)
			.hasSize(2);
		assertThat(database.jdbc()
			.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = 'events_payload_idx'::regclass",
					Boolean.class))
			.isTrue();
		assertThat(output).doesNotContainIgnoringCase("deadlock detected");
	}

	private static CompletableFuture<ConfigurableApplicationContext> start(
			ApplicationListener<MigrationLockAcquiredEvent> recorder, ExecutorService executor) {
		return CompletableFuture.supplyAsync(
				() -> MigratingApplication.start(database, "classpath:db/index/changelog.yaml", recorder), executor);
	}

}

package dev.lockstep.mariadb;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.test.MariaDbTestDatabase;
import dev.lockstep.test.MigratingApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A holder's online {@code ALTER TABLE … ADD INDEX, ALGORITHM=INPLACE, LOCK=NONE} on
 * 200,000 rows while two other instances wait inside {@code GET_LOCK}: waiters sit in
 * auto-commit with no transaction open, so they hold no metadata lock the ALTER needs,
 * and it succeeds.
 */
@ExtendWith(OutputCaptureExtension.class)
class MariaDbOnlineAlterTests {

	@RegisterExtension
	static MariaDbTestDatabase database = new MariaDbTestDatabase();

	@Test
	void onlineAlterInTheHolderSucceedsWhileTwoInstancesWait(CapturedOutput output) throws Exception {
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
		assertThat(grants).filteredOn((grant) -> grant.getGrant().waited().compareTo(Duration.ofSeconds(2)) > 0)
			.as("instances that waited while the holder altered the table")
			.hasSize(2);
		assertThat(database.jdbc()
			.queryForList("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
					+ "AND TABLE_NAME = 'events' AND INDEX_NAME = 'events_payload_idx'", String.class, database.name()))
			.containsExactly("events_payload_idx");
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM events", Integer.class)).isEqualTo(200_000);
		assertThat(output).doesNotContainIgnoringCase("deadlock");
	}

	private static CompletableFuture<ConfigurableApplicationContext> start(
			ApplicationListener<MigrationLockAcquiredEvent> recorder, ExecutorService executor) {
		return CompletableFuture.supplyAsync(
				() -> MigratingApplication.start(database, "classpath:db/index-mariadb/changelog.yaml", recorder),
				executor);
	}

}

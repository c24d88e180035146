package dev.lockstep.lease;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLockTemplate;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.test.H2TestDatabase;
import dev.lockstep.test.MigratingApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lease lock on H2 (file mode, several connections and threads): one holder at a
 * time, a dead holder's lease taken over once it expires, a heartbeat that keeps a long
 * changeset's lease, and a holder whose lease was taken that stops before its next
 * changeset.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaseLockTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private static final LockName NAME = new LockName("lockstep:lease-test");

	private static final String CHANGELOG = "classpath:db/lease/changelog.yaml";

	@RegisterExtension
	static H2TestDatabase database = new H2TestDatabase();

	@Test
	void onlyOneSessionHoldsTheLeaseAtATime() throws SQLException {
		try (LockSession a = open("a"); LockSession b = open("b")) {
			assertThat(a.tryAcquire()).isTrue();
			assertThat(b.tryAcquire()).isFalse();
			assertThat(b.holder()).hasValueSatisfying((holder) -> assertThat(holder.applicationName()).isEqualTo("a"));
			a.release();
			assertThat(b.tryAcquire()).isTrue();
			b.release();
		}
	}

	@Test
	void expiredLeaseOfADeadHolderIsTakenOver() throws SQLException {
		try (LockSession creator = open("creator")) {
			// Creates the table.
			assertThat(creator.holder()).isEmpty();
		}
		database.jdbc()
			.update("INSERT INTO lockstep_lock (lock_name, owner, application_name, client_host, expires_at) "
					+ "VALUES (?, 'dead-owner', 'crashed-replica', 'gone-host', ?)", NAME.value(),
					System.currentTimeMillis() + LEASE.toMillis());
		try (Connection connection = database.connect()) {
			LockGrant grant = template(Duration.ofSeconds(30)).execute(connection, NAME, new CancellationSignal(),
					(taken) -> taken);
			System.out.printf("Lease: a dead holder's %d ms lease was taken over after %d ms%n", LEASE.toMillis(),
					grant.waited().toMillis());
			assertThat(grant.waited()).isBetween(LEASE.minusMillis(100), LEASE.plusSeconds(5));
			assertThat(grant.previousHolder()).isNotNull();
			assertThat(grant.previousHolder().applicationName()).isEqualTo("crashed-replica");
		}
	}

	@Test
	void heartbeatKeepsTheLeaseOfAHolderThatWorksLongerThanTheLease() throws Exception {
		try (Connection connection = database.connect(); LockSession other = open("other")) {
			template(Duration.ofSeconds(5)).execute(connection, NAME, new CancellationSignal(), (grant) -> {
				for (int beat = 0; beat < 6; beat++) {
					sleep(LEASE.dividedBy(2));
					assertThat(other.tryAcquire()).as("another session, %d ms into the hold", (beat + 1) * 500)
						.isFalse();
				}
				grant.holdCheck().verify();
				return grant;
			});
			assertThat(other.tryAcquire()).isTrue();
			other.release();
		}
	}

	@Test
	void instancesStartingTogetherWaitForALongChangesetAndMigrateOnce(CapturedOutput output) throws Exception {
		List<MigrationLockAcquiredEvent> grants = new CopyOnWriteArrayList<>();
		ApplicationListener<MigrationLockAcquiredEvent> recorder = grants::add;
		// A thread of its own for each start: the common pool may have a single one.
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<CompletableFuture<ConfigurableApplicationContext>> starts = List.of(start(recorder, threads),
					start(recorder, threads));
			for (CompletableFuture<ConfigurableApplicationContext> start : starts) {
				start.get(1, TimeUnit.MINUTES).close();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM databasechangelog", Integer.class))
			.isEqualTo(3);
		assertThat(grants).extracting((event) -> event.getGrant().waited())
			.as("the waiter waited out the whole changeset, three leases long, without taking the lease over")
			.anySatisfy((waited) -> assertThat(waited).isGreaterThan(Duration.ofMillis(2500)));
		assertThat(output).contains("Lockstep takes the migration lock 'lockstep:public.databasechangelog' as a "
				+ "lease in table lockstep_lock")
			.doesNotContain("Took over the expired lease");
	}

	@Test
	void holderWhoseLeaseWasTakenStopsBeforeItsNextChangeset() throws Exception {
		CompletableFuture<MigrationFailedException> start = CompletableFuture
			.supplyAsync(() -> MigratingApplication.failedStart(MigrationFailedException.class, database, CHANGELOG,
					"spring.liquibase.parameters.sleep.millis=3000", "lockstep.lock.lease.duration=1s"));
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(30))
			.until(() -> database.jdbc()
				.queryForObject("SELECT count(*) FROM databasechangelog WHERE id = 'sleep-function'", Integer.class) == 1);
		assertThat(database.jdbc()
			.update("UPDATE lockstep_lock SET owner = 'thief', application_name = 'another-replica', expires_at = ?",
					System.currentTimeMillis() + 60_000))
			.isOne();
		assertThat(start.get(1, TimeUnit.MINUTES))
			.hasMessageStartingWith("Changeset db/lease/changelog.yaml::after-long::lockstep failed: not started, "
					+ "as the migration lock 'lockstep:public.databasechangelog' was lost: its lease was taken over by "
					+ "'another-replica'");
		assertThat(database.jdbc()
			.queryForList("SELECT id FROM databasechangelog ORDER BY orderexecuted", String.class))
			.containsExactly("sleep-function", "long-changeset");
		assertThat(database.jdbc()
			.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_name = 'AFTER_LONG'",
					Integer.class))
			.isZero();
	}

	private static CompletableFuture<ConfigurableApplicationContext> start(
			ApplicationListener<MigrationLockAcquiredEvent> recorder, ExecutorService threads) {
		return CompletableFuture.supplyAsync(() -> MigratingApplication.start(database, CHANGELOG, recorder,
				"spring.liquibase.parameters.sleep.millis=3000", "lockstep.lock.lease.duration=1s"), threads);
	}

	private static LockSession open(String applicationName) throws SQLException {
		return provider().open(database.connect(), NAME, new LockSessionSettings(applicationName));
	}

	private static MigrationLockTemplate template(Duration timeout) {
		return new MigrationLockTemplate(new MigrationLocks(List.of(provider())),
				new LockWaitPolicy(timeout, Duration.ofMillis(100), Duration.ofMillis(100)),
				new LockSessionSettings("template"), LockListener.NONE);
	}

	private static LeaseLockProvider provider() {
		return new LeaseLockProvider(database.dataSource(), LEASE);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

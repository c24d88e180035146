package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A TCP proxy between an instance and PostgreSQL drops its connections, or stalls them
 * silently, while it holds the lock and while it waits. The instance's start fails within
 * a known bound (never hangs), the lock is freed, nothing ran twice, and the next start
 * completes.
 */
class NetworkFaultReliabilityIT {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path directory;

	@Test
	void holderWhoseConnectionDropsFailsAndTheNextStartCompletes() throws Exception {
		Changelogs changelog = Changelogs.journaled(this.directory, 20, 5.0);
		try (TcpProxy proxy = new TcpProxy(serverPort())) {
			CompletableFuture<ConfigurableApplicationContext> holder = startThrough(proxy, changelog);
			awaitJournalRows(9);
			long cut = System.nanoTime();
			proxy.drop();
			assertFails(holder, cut, "dropped holder", Duration.ofSeconds(30));
			awaitLockFree(cut, "dropped holder");
		}
		completeDirectly(changelog);
	}

	@Test
	void holderWhoseConnectionStallsEndsAtTheDriversSocketTimeout() throws Exception {
		Changelogs changelog = Changelogs.journaled(this.directory, 20, 1.0);
		try (TcpProxy proxy = new TcpProxy(serverPort())) {
			// The application's own driver setting: it must exceed the longest changeset.
			CompletableFuture<ConfigurableApplicationContext> holder = startThrough(proxy, changelog,
					"?socketTimeout=5");
			awaitJournalRows(5);
			long cut = System.nanoTime();
			proxy.stall();
			assertFails(holder, cut, "stalled holder (socketTimeout=5)", Duration.ofSeconds(30));
			awaitLockFree(cut, "stalled holder");
		}
		completeDirectly(changelog);
	}

	@Test
	void waiterWhoseConnectionDropsFailsAtOnce() throws Exception {
		waiterFaultEndsTheWait(TcpProxy::drop, "dropped waiter", Duration.ofSeconds(10));
	}

	@Test
	void waiterWhoseConnectionStallsEndsWithinLockstepsNetworkTimeout() throws Exception {
		// Lockstep's network timeout for the waiting lock session is 15 seconds.
		waiterFaultEndsTheWait(TcpProxy::stall, "stalled waiter", Duration.ofSeconds(30));
	}

	private void waiterFaultEndsTheWait(Consumer<TcpProxy> fault, String what, Duration bound)
			throws Exception {
		Changelogs changelog = Changelogs.journaled(this.directory, 20, 20.0);
		CompletableFuture<ConfigurableApplicationContext> holder = CompletableFuture
			.supplyAsync(() -> MigratingApplication.start(database, changelog.location()));
		awaitJournalRows(9);
		try (TcpProxy proxy = new TcpProxy(serverPort())) {
			CompletableFuture<ConfigurableApplicationContext> waiter = startThrough(proxy, changelog);
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> database.jdbc()
					.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '%lockstep pid%' "
							+ "AND query LIKE '%advisory%' AND datname = current_database()", Integer.class) >= 1);
			long cut = System.nanoTime();
			fault.accept(proxy);
			assertFails(waiter, cut, what, bound);
		}
		holder.get(2, TimeUnit.MINUTES).close();
		new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled());
	}

	private static CompletableFuture<ConfigurableApplicationContext> startThrough(TcpProxy proxy, Changelogs changelog,
			String... urlParameters) {
		String url = proxy.through(database.url()) + String.join("", urlParameters);
		return CompletableFuture.supplyAsync(() -> MigratingApplication.start(database, changelog.location(),
				"spring.datasource.url=" + url, "spring.datasource.hikari.connection-timeout=5000"));
	}

	private static void assertFails(CompletableFuture<ConfigurableApplicationContext> start, long cut, String what,
			Duration bound) {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> start.get(2, TimeUnit.MINUTES));
		Duration took = Duration.ofNanos(System.nanoTime() - cut);
		System.out.printf("Network fault, %s: the start failed %d ms after the fault (bound %s)%n", what,
				took.toMillis(), bound);
		assertThat(took).as("%s failed within its bound", what).isLessThan(bound);
	}

	private static void awaitLockFree(long cut, String what) {
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> AdvisoryLocks.holders(database.jdbc()).isEmpty());
		System.out.printf("Network fault, %s: the lock was free %d ms after the fault%n", what,
				Duration.ofNanos(System.nanoTime() - cut).toMillis());
	}

	private static void completeDirectly(Changelogs changelog) {
		try (ConfigurableApplicationContext next = MigratingApplication.start(database, changelog.location())) {
			assertThat(next.isActive()).isTrue();
		}
		new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled());
	}

	private static void awaitJournalRows(int rows) {
		JdbcTemplate jdbc = database.jdbc();
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> {
			Boolean exists = jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, Journal.TABLE);
			return Boolean.TRUE.equals(exists)
					&& jdbc.queryForObject("SELECT count(*) FROM " + Journal.TABLE, Integer.class) >= rows;
		});
	}

	private static int serverPort() {
		Properties url = Driver.parseURL(database.url(), null);
		assertThat(url).as("the test database's URL %s", database.url()).isNotNull();
		return Integer.parseInt(url.getProperty("PGPORT", "5432"));
	}

}

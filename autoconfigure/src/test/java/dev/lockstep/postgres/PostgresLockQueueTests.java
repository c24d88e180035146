package dev.lockstep.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.engine.LockRetryPolicy;
import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.engine.Revision;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.event.StartupMigrationResult;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ApplicationListener;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock queue: a long transaction holds a lock on a busy table while readers keep
 * querying it, and a migration alters the table. With Lockstep's lock timeout the
 * {@code ALTER TABLE} gives up and retries, so the readers wait at most about the
 * timeout; without it the readers queue behind the waiting {@code ALTER TABLE} for as
 * long as the transaction runs. The test prints the readers' worst latency both ways.
 */
class PostgresLockQueueTests {

	private static final Duration HOLD = Duration.ofSeconds(3);

	private static final int READERS = 2;

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path directory;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private Path changelog;

	private Connection longTransaction;

	private int longTransactionPid;

	@BeforeEach
	void busyTableHeldByALongTransaction() throws IOException, SQLException {
		this.changelog = this.directory.resolve("changelog.sql");
		Files.writeString(this.changelog, """
				--liquibase formatted sql

				--changeset t:busy
				CREATE TABLE busy (id int PRIMARY KEY);
				INSERT INTO busy SELECT generate_series(1, 1000);
				""");
		MigratingApplication.start(database, changelog()).close();
		Files.writeString(this.changelog, """

				--changeset t:note
				ALTER TABLE busy ADD COLUMN note text;
				""", StandardOpenOption.APPEND);
		this.longTransaction = database.connect();
		this.longTransactionPid = backendPid(this.longTransaction);
		try (Statement statement = this.longTransaction.createStatement()) {
			statement.execute("SET application_name = 'long-report'");
			this.longTransaction.setAutoCommit(false);
			statement.executeQuery("SELECT count(*) FROM busy").close();
		}
	}

	@AfterEach
	void endTheLongTransaction() throws SQLException {
		this.longTransaction.close();
		this.executor.shutdownNow();
	}

	@Test
	void withTheLockTimeoutReadersWaitAboutItAndTheMigrationAppliesOnceTheTransactionEnds() throws Exception {
		Duration worst = worstReaderLatencyWhileMigrating("lockstep.ddl.lock-timeout=500ms",
				"lockstep.ddl.lock-retries=20", "lockstep.ddl.lock-retry-pause=100ms");
		System.out.println("Readers' worst latency with a 500 ms lock timeout, the table held " + HOLD.toMillis()
				+ " ms: " + worst.toMillis() + " ms");
		assertThat(worst).isLessThan(HOLD.dividedBy(2));
		assertThat(database.columns("public", "busy")).containsExactly("id", "note");
	}

	@Test
	void withoutTheLockTimeoutReadersWaitForTheWholeTransaction() throws Exception {
		Duration worst = worstReaderLatencyWhileMigrating("lockstep.ddl.lock-timeout=0");
		System.out.println("Readers' worst latency without a lock timeout, the table held " + HOLD.toMillis()
				+ " ms: " + worst.toMillis() + " ms");
		assertThat(worst).isGreaterThanOrEqualTo(HOLD.dividedBy(2));
		assertThat(database.columns("public", "busy")).containsExactly("id", "note");
	}

	@Test
	void whenTheTransactionNeverEndsTheStartFailsNamingIt() {
		assertThat(MigratingApplication.failedStart(MigrationFailedException.class, database, changelog(),
				"lockstep.ddl.lock-timeout=200ms", "lockstep.ddl.lock-retries=2",
				"lockstep.ddl.lock-retry-pause=100ms"))
			.hasMessageContaining("changelog.sql::note::t failed")
			.hasMessageContaining("lock timeout")
			.hasMessageContaining("in each of 3 attempts")
			.hasMessageContaining("blocked by pid " + this.longTransactionPid + " (application 'long-report', idle in transaction, "
					+ "in a transaction for ")
			.hasMessageContaining("last query: SELECT count(*) FROM busy)");
		assertThat(database.columns("public", "busy")).containsExactly("id");
	}

	@Test
	void aRetriedStartCountsWhatEveryAttemptApplied() throws Exception {
		Files.writeString(this.changelog, Files.readString(this.changelog)
			.replace("--changeset t:note", "--changeset t:free\nCREATE TABLE free (id int);\n\n--changeset t:note"));
		AtomicReference<StartupMigrationResult> result = new AtomicReference<>();
		ApplicationListener<MigrationsAppliedEvent> listener = (event) -> result.set(event.getResult());
		CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> MigratingApplication
			.start(database, changelog(), listener, "lockstep.ddl.lock-timeout=200ms", "lockstep.ddl.lock-retries=20",
					"lockstep.ddl.lock-retry-pause=100ms")
			.close(), this.executor);
		awaitAlterWaiting();
		Thread.sleep(HOLD.toMillis() / 3);
		this.longTransaction.commit();
		migration.get(60, TimeUnit.SECONDS);
		assertThat(database.appliedIds()).containsExactly("busy", "free", "note");
		assertThat(result.get().applied()).as("applied by the first attempt and by the retry").isEqualTo(2);
	}

	@Test
	void upgradeThroughTheMigratorRetriesToo() throws Exception {
		LockedLiquibaseRunner runner = new LockedLiquibaseRunner(PostgresRunners.locks(database.dataSource()),
				List.of(new PostgresSearchPath(), new PostgresLockTimeout(Duration.ofMillis(200))),
				new LockWaitPolicy(Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(10)),
				new LockSessionSettings("upgrade"), LockListener.NONE)
			.withLockRetries(new LockRetryPolicy(20, Duration.ofMillis(100)));
		Migrator migrator = new Migrator(database.dataSource(), new DefaultResourceLoader(),
				MigrationSettings.of(changelog()), runner);
		CompletableFuture<OperationResult> upgrade = CompletableFuture
			.supplyAsync(() -> migrator.upgrade("+1", false), this.executor);
		awaitAlterWaiting();
		Thread.sleep(HOLD.toMillis() / 3);
		this.longTransaction.commit();
		assertThat(upgrade.get(60, TimeUnit.SECONDS).changeSets()).extracting(Revision::id).containsExactly("note");
		assertThat(database.columns("public", "busy")).containsExactly("id", "note");
	}

	@Test
	void changesetOutsideATransactionIsNotRetriedButTheBlockerIsNamed() throws IOException {
		Files.writeString(this.changelog, Files.readString(this.changelog)
			.replace("--changeset t:note", "--changeset t:note runInTransaction:false"));
		assertThat(MigratingApplication.failedStart(MigrationFailedException.class, database, changelog(),
				"lockstep.ddl.lock-timeout=200ms", "lockstep.ddl.lock-retries=5"))
			.hasMessageContaining("changelog.sql::note::t failed")
			.hasMessageContaining("not retried, as statements of it may have run outside a transaction")
			.hasMessageContaining("blocked by pid " + this.longTransactionPid + " (application 'long-report'");
		assertThat(database.columns("public", "busy")).containsExactly("id");
	}

	/**
	 * Start the migration while the long transaction holds the table and readers query
	 * it; end the transaction once the migration's {@code ALTER TABLE} has waited, and
	 * return the worst latency a reader saw.
	 */
	private Duration worstReaderLatencyWhileMigrating(String... properties) throws Exception {
		AtomicBoolean reading = new AtomicBoolean(true);
		AtomicLong worstNanos = new AtomicLong();
		List<Future<?>> readers = new ArrayList<>();
		for (int i = 0; i < READERS; i++) {
			readers.add(this.executor.submit(() -> read(reading, worstNanos)));
		}
		CompletableFuture<Void> migration = CompletableFuture
			.runAsync(() -> MigratingApplication.start(database, changelog(), properties).close(), this.executor);
		awaitAlterWaiting();
		Thread.sleep(HOLD.toMillis());
		this.longTransaction.commit();
		migration.get(60, TimeUnit.SECONDS);
		reading.set(false);
		for (Future<?> reader : readers) {
			reader.get(30, TimeUnit.SECONDS);
		}
		return Duration.ofNanos(worstNanos.get());
	}

	private static Void read(AtomicBoolean reading, AtomicLong worstNanos) throws Exception {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			while (reading.get()) {
				long start = System.nanoTime();
				statement.executeQuery("SELECT count(*) FROM busy").close();
				worstNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
				Thread.sleep(20);
			}
		}
		return null;
	}

	private static void awaitAlterWaiting() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			while (System.nanoTime() < deadline) {
				try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
						+ "WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE%busy%'")) {
					waiting.next();
					if (waiting.getInt(1) > 0) {
						return;
					}
				}
				Thread.sleep(5);
			}
		}
		throw new AssertionError("The migration's ALTER TABLE never waited for its lock");
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
			pid.next();
			return pid.getInt(1);
		}
	}

	private String changelog() {
		return "file:" + this.changelog.toAbsolutePath();
	}

}

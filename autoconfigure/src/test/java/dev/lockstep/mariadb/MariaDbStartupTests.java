package dev.lockstep.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.event.MigrationLockAcquiredEvent;
import dev.lockstep.event.MigrationLockWaitingEvent;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.event.StartupMigrationResult;
import dev.lockstep.lock.LockName;
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
import static org.awaitility.Awaitility.await;

/**
 * Starts on MariaDB: a failing changeset (whose DDL the database does not roll back), a
 * lock held elsewhere, a holder killed in the middle of a statement, and a second start
 * that takes the fast path.
 */
@ExtendWith(OutputCaptureExtension.class)
class MariaDbStartupTests {

	private static final String SLOW = "classpath:db/slow/changelog.yaml";

	@RegisterExtension
	static MariaDbTestDatabase database = MariaDbTestDatabase.emptyForEachTest();

	@Test
	void failingChangeSetSaysThatItsStatementsMayHaveStayedApplied(CapturedOutput output) {
		assertThat(MigratingApplication.failedStart(MigrationFailedException.class, database,
				"classpath:db/failing/changelog.yaml"))
			.hasMessageStartingWith("Changeset db/failing/changelog.yaml::bad::alice failed: ")
			.hasMessageContaining("no_such_table")
			.hasMessageContaining("Statements of this changeset that ran before the failure may have stayed applied "
					+ "(DDL is not transactional on this database, or the changeset ran outside a transaction): "
					+ "CREATE TABLE " + database.name() + ".half_done (id INT NULL). Check the schema for them");
		assertThat(output).contains("APPLICATION FAILED TO START").contains("The migration lock was released");
		assertThat(database.columns("half_done")).as("the failed changeset's own table, not rolled back")
			.containsExactly("id");
		assertThat(database.jdbc().queryForList("SELECT ID FROM DATABASECHANGELOG", String.class))
			.containsExactly("good");
		assertThat(database.jdbc().queryForObject("SELECT IS_FREE_LOCK(?)", Integer.class, lockName())).isOne();
		assertThat(database.jdbc().queryForObject("SELECT LOCKED FROM DATABASECHANGELOGLOCK", Boolean.class))
			.isFalse();
	}

	@Test
	void waitTimeoutFailsTheStartAndNamesTheHolder() throws SQLException {
		try (Connection holder = database.connect()) {
			assertThat(getLock(holder)).isTrue();
			assertThat(MigratingApplication.failedStart(LockWaitTimeoutException.class, database, SLOW,
					"lockstep.lock.wait-timeout=1s"))
				.hasMessageContaining("Timed out after 1.000 s waiting for migration lock '" + lockName() + "'")
				.hasMessageContaining("held by an unnamed client at root@")
				.hasMessageFindingMatch("\\(session " + MariaDbLockProviderContractTests.connectionId(holder)
						+ ", idle since \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\)");
		}
		assertThat(database.columns("marker")).isEmpty();
	}

	@Test
	void holderKilledInTheMiddleOfAStatementFreesTheLockForTheNextStart() throws Exception {
		Connection holder = database.connect();
		assertThat(getLock(holder)).isTrue();
		CompletableFuture<Void> longStatement = CompletableFuture.runAsync(() -> {
			try (Statement statement = holder.createStatement()) {
				statement.execute("SELECT SLEEP(20)");
			}
			catch (SQLException ex) {
				// The holder's end: its connection was aborted.
			}
		});
		AtomicLong acquired = new AtomicLong();
		AtomicReference<Boolean> waited = new AtomicReference<>(false);
		ApplicationListener<?> recorder = (event) -> {
			if (event instanceof MigrationLockWaitingEvent) {
				waited.set(true);
			}
			if (event instanceof MigrationLockAcquiredEvent) {
				acquired.set(System.nanoTime());
			}
		};
		CompletableFuture<ConfigurableApplicationContext> start = CompletableFuture.supplyAsync(
				() -> MigratingApplication.start(database, SLOW, recorder, "lockstep.lock.wait-timeout=1m",
						"lockstep.lock.progress-interval=100ms"));
		await().atMost(Duration.ofSeconds(30)).until(waited::get);
		long killed = System.nanoTime();
		// As a SIGKILL would: the client's socket closes in the middle of the statement.
		holder.abort(Runnable::run);
		start.get(30, TimeUnit.SECONDS).close();
		Duration recovery = Duration.ofNanos(acquired.get() - killed);
		System.out.printf("MariaDB: holder killed in the middle of a statement, next start took the lock %.1f ms "
				+ "after the kill%n", recovery.toNanos() / 1e6);
		assertThat(recovery).isLessThan(Duration.ofSeconds(8));
		assertThat(database.columns("marker")).containsExactly("id");
		longStatement.get(30, TimeUnit.SECONDS);
	}

	@Test
	void secondStartTakesTheFastPath() {
		StartupMigrationResult first = start("classpath:db/basic/changelog.yaml");
		StartupMigrationResult second = start("classpath:db/basic/changelog.yaml");
		assertThat(first.fastPath()).isFalse();
		assertThat(first.applied()).isPositive();
		assertThat(second.fastPath()).isTrue();
		assertThat(second.applied()).isZero();
		assertThat(second.current()).isEqualTo(first.current());
		database.jdbc().update("UPDATE DATABASECHANGELOG SET MD5SUM = NULL WHERE ID = 'create-person'");
		assertThat(start("classpath:db/basic/changelog.yaml").fastPath()).as("after a hand edit of the changelog table")
			.isFalse();
	}

	private static StartupMigrationResult start(String changeLog) {
		AtomicReference<StartupMigrationResult> result = new AtomicReference<>();
		ApplicationListener<MigrationsAppliedEvent> listener = (event) -> result.set(event.getResult());
		MigratingApplication.start(database, changeLog, listener).close();
		return result.get();
	}

	private static String lockName() {
		return MariaDbLockName.of(LockName.forChangelogTable(database.name(), "DATABASECHANGELOG")).value();
	}

	private static boolean getLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
			statement.setString(1, lockName());
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getInt(1) == 1;
			}
		}
	}

}

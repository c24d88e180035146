package dev.lockstep.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.lockstep.LockWaitTimeoutException;
import dev.lockstep.lock.LockName;
import dev.lockstep.postgres.PostgresLockKey;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A start that finds the migration lock, or Liquibase's changelog lock row, held by
 * someone else.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLockWaitTests {

	private static final String CHANGELOG = "classpath:db/slow/changelog.yaml";

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void waitTimeoutFailsTheStartAndNamesTheHolder(CapturedOutput output) throws Exception {
		try (Connection holder = database.connect()) {
			holdAdvisoryLock(holder, "maintenance-job");
			assertThat(MigratingApplication.failedStart(LockWaitTimeoutException.class, database, CHANGELOG,
					"lockstep.lock.wait-timeout=1s"))
				.hasMessageContaining(
						"Timed out after 1.000 s waiting for migration lock 'lockstep:public.databasechangelog'")
				.hasMessageContaining("held by 'maintenance-job' at 127.0.0.1")
				.hasMessageContaining("connected since");
		}
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("held by 'maintenance-job'")
			.contains("raise 'lockstep.lock.wait-timeout'");
		assertThat(database.columns("public", "marker")).isEmpty();
	}

	@Test
	void changelogLockRowOfAnotherLiquibaseClientIsWaitedFor(CapturedOutput output) throws Exception {
		try (Connection cli = database.connect()) {
			LockService plainLiquibase = plainLiquibaseLockService(cli);
			plainLiquibase.acquireLock();
			String lockedBy = database.jdbc()
				.queryForObject("SELECT lockedby FROM databasechangeloglock WHERE locked", String.class);
			CompletableFuture<ConfigurableApplicationContext> start = CompletableFuture
				.supplyAsync(() -> MigratingApplication.start(database, CHANGELOG, "lockstep.lock.wait-timeout=1m"));
			await().atMost(30, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(output).contains("Waiting for Liquibase's changelog lock in public."
						+ "databasechangeloglock, held by '" + lockedBy + "'"));
			assertThat(start).isNotDone();
			assertThat(database.columns("public", "marker")).isEmpty();
			plainLiquibase.releaseLock();
			start.get(30, TimeUnit.SECONDS).close();
		}
		assertThat(database.columns("public", "marker")).containsExactly("id");
	}

	@Test
	void changelogLockRowOfAnotherLiquibaseClientTimesOutNamingIt() throws Exception {
		try (Connection cli = database.connect()) {
			plainLiquibaseLockService(cli).acquireLock();
			String lockedBy = database.jdbc()
				.queryForObject("SELECT lockedby FROM databasechangeloglock WHERE locked", String.class);
			assertThat(MigratingApplication.failedStart(LockWaitTimeoutException.class, database, CHANGELOG,
					"lockstep.lock.wait-timeout=1s"))
				.hasMessageContaining("Liquibase's changelog lock in public.databasechangeloglock")
				.hasMessageContaining(lockedBy);
		}
	}

	@Test
	void staleChangelogLockRowOfAStoppedLockstepProcessIsReclaimedAtOnce(CapturedOutput output) throws Exception {
		try (Connection cli = database.connect()) {
			plainLiquibaseLockService(cli).acquireLock();
		}
		database.jdbc()
			.update("UPDATE databasechangeloglock SET lockedby = 'Lockstep lockstep:public.databasechangelog "
					+ "gone-host pid 4242 (10.0.0.9)' WHERE locked");
		long start = System.nanoTime();
		MigratingApplication.start(database, CHANGELOG, "lockstep.lock.wait-timeout=1m").close();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(output).contains("Reclaiming public.databasechangeloglock row left by a Lockstep process that no "
				+ "longer runs: 'Lockstep lockstep:public.databasechangelog gone-host pid 4242 (10.0.0.9)'");
		assertThat(output).doesNotContain("Waiting for Liquibase's changelog lock");
		assertThat(tookMillis).as("start took %d ms", tookMillis).isLessThan(30_000);
		assertThat(database.columns("public", "marker")).containsExactly("id");
		assertThat(database.jdbc().queryForObject("SELECT locked FROM databasechangeloglock", Boolean.class)).isFalse();
	}

	@Test
	void changelogLockRowOfALockstepApplicationWithAnotherLockIsWaitedFor() throws Exception {
		// Two applications with their own changelog tables share Liquibase's lock table:
		// the other one's row is live (it holds its own advisory lock), never reclaimed.
		try (Connection cli = database.connect()) {
			plainLiquibaseLockService(cli).acquireLock();
		}
		String otherApplication = "Lockstep lockstep:public.billing_changelog billing-host pid 7 (10.0.0.7)";
		database.jdbc().update("UPDATE databasechangeloglock SET lockedby = ? WHERE locked", otherApplication);
		assertThat(MigratingApplication.failedStart(LockWaitTimeoutException.class, database, CHANGELOG,
				"lockstep.lock.wait-timeout=1s"))
			.hasMessageContaining(otherApplication);
		assertThat(database.jdbc().queryForObject("SELECT lockedby FROM databasechangeloglock", String.class))
			.isEqualTo(otherApplication);
	}

	private static void holdAdvisoryLock(Connection connection, String applicationName) throws Exception {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET application_name = '" + applicationName + "'");
		}
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, PostgresLockKey.of(LockName.forChangelogTable("public", "DATABASECHANGELOG")).key());
			lock.execute();
		}
	}

	private static LockService plainLiquibaseLockService(Connection connection) throws Exception {
		Database liquibaseDatabase = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		return LockServiceFactory.getInstance().getLockService(liquibaseDatabase);
	}

}

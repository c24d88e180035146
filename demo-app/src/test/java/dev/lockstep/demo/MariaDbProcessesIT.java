package dev.lockstep.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.lockstep.LockstepException;
import dev.lockstep.demo.DemoProcess.Finished;
import dev.lockstep.lock.LockName;
import dev.lockstep.mariadb.MariaDbLockName;
import dev.lockstep.test.MariaDbTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Demo processes on MariaDB (or MySQL): the holder killed with SIGKILL in the middle of a
 * 20-second statement, whose lock the next process takes within about a second; a waiting
 * process stopped with SIGTERM, which exits at once; and a changeset that fails after DDL
 * the database cannot roll back, whose message names what may have stayed applied.
 */
class MariaDbProcessesIT {

	@RegisterExtension
	static MariaDbTestDatabase database = MariaDbTestDatabase.emptyForEachTest();

	@Test
	void killedHolderFreesTheLockAtOnceAndTheNextProcessCompletes() throws Exception {
		List<DemoProcess> processes = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				processes.add(DemoProcess.startRacing(database, "kill-mariadb"));
			}
			JdbcTemplate jdbc = database.jdbc();
			long sleeper = await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> jdbc.queryForList("SELECT ID FROM information_schema.PROCESSLIST "
						+ "WHERE INFO LIKE 'SELECT SLEEP(CASE%'", Long.class), (ids) -> ids.size() == 1)
				.get(0);
			// The two others wait, and name the sleeping session as the holder.
			String waitingOnSleeper = "(session " + sleeper + ", ";
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> processes.stream().filter((process) -> process.output().contains(waitingOnSleeper)).count(),
						(waiting) -> waiting == 2);
			DemoProcess holder = processes.stream()
				.filter((process) -> !process.output().contains(waitingOnSleeper))
				.findFirst()
				.orElseThrow();
			assertThat(holderSession()).isEqualTo(sleeper);

			long killedAt = System.nanoTime();
			ProcessHandle.of(holder.pid()).orElseThrow().destroyForcibly();
			long nextHolder = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(MariaDbProcessesIT::holderSession, (session) -> session != 0 && session != sleeper);
			Duration handOver = Duration.ofNanos(System.nanoTime() - killedAt);
			System.out.printf("MariaDB: lock taken by session %d %d ms after SIGKILL of the holder (pid %d)%n",
					nextHolder, handOver.toMillis(), holder.pid());
			assertThat(handOver).isLessThan(Duration.ofSeconds(8));

			for (DemoProcess process : processes) {
				if (process != holder) {
					assertThat(process.awaitExit(Duration.ofMinutes(2))).as(process.output()).isZero();
				}
			}
			assertThat(jdbc.queryForList("SELECT id FROM slow_work ORDER BY id", Integer.class)).containsExactly(1, 2);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM DATABASECHANGELOG", Integer.class)).isEqualTo(4);
			assertThat(jdbc.queryForObject("SELECT LOCKED FROM DATABASECHANGELOGLOCK", Boolean.class)).isFalse();
			assertThat(processes.stream().map(DemoProcess::output))
				.anySatisfy((output) -> assertThat(output)
					.contains("row left by a Lockstep process that no longer runs")
					.contains("pid " + holder.pid()));
		}
		finally {
			processes.forEach(DemoProcess::close);
		}
	}

	@Test
	void sigtermWhileWaitingForTheLockEndsTheProcessPromptly() throws Exception {
		try (Connection holder = database.connect(); DemoProcess waiter = DemoProcess.start(database)) {
			try (PreparedStatement lock = holder.prepareStatement("SELECT GET_LOCK(?, 0)")) {
				lock.setString(1, lockName());
				lock.execute();
			}
			waiter.awaitOutput("Waiting for the migration lock '" + lockName(), Duration.ofMinutes(1));
			long terminatedAt = System.nanoTime();
			waiter.terminate();
			waiter.awaitExit(Duration.ofSeconds(30));
			Duration exit = Duration.ofNanos(System.nanoTime() - terminatedAt);
			System.out.printf("MariaDB: process exited %d ms after SIGTERM while waiting for the lock%n",
					exit.toMillis());
			assertThat(exit).isLessThan(Duration.ofSeconds(5));
			assertThat(waiter.output()).contains("Gave up waiting for migration lock '" + lockName()
					+ "': the application is shutting down");
			assertThat(database.schemaDump()).as("nothing migrated").isEmpty();
			assertThat(database.appliedIds()).isEmpty();
		}
	}

	@Test
	void failedChangesetNamesTheStatementsThatMayHaveStayedApplied() throws Exception {
		Finished run = DemoProcess.run(database, "--lockstep.mode=migrate-only",
				DemoProcess.testChangelog("partly-applied"));
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_MIGRATION_FAILED);
		assertThat(run.output()).contains("::bad::alice failed: ")
			.contains("no_such_table")
			.contains("DDL is not transactional on this database")
			.contains("CREATE TABLE " + database.name() + ".half_done (id INT NULL)");
		assertThat(database.columns("half_done")).containsExactly("id");
		assertThat(database.appliedIds()).containsExactly("good");
	}

	/**
	 * The session that holds the migration lock, or 0 if it is free.
	 */
	private static long holderSession() throws Exception {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
			statement.setString(1, lockName());
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private static String lockName() {
		return MariaDbLockName.of(LockName.forChangelogTable(database.name(), "DATABASECHANGELOG")).value();
	}

}

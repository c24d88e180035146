package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.lockstep.MigrationFailedException;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server settings that end sessions or statements, set on the application's role: a
 * waiter idling in {@code LISTEN} outlives {@code idle_session_timeout} and
 * {@code idle_in_transaction_session_timeout}; a changeset cut by
 * {@code statement_timeout} or {@code lock_timeout} fails the start with the server's
 * reason, runs nowhere twice, and leaves the lock free.
 */
class ServerSettingsReliabilityIT {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@TempDir
	Path directory;

	@Test
	void waiterOutlivesIdleTimeoutsWhileTheHolderRuns() throws Exception {
		Changelogs changelog = Changelogs.journaled(this.directory, 20, 4.0);
		try (TestRole role = TestRole.create(database, "idle_session_timeout=1s",
				"idle_in_transaction_session_timeout=1s")) {
			// Polled less often than the server ends idle sessions: only LISTEN's wake-up
			// ends the wait in time.
			CompletableFuture<ConfigurableApplicationContext> holder = CompletableFuture
				.supplyAsync(() -> start(changelog, role, "lockstep.lock.poll-interval=3s"));
			awaitLockHeld();
			CompletableFuture<ConfigurableApplicationContext> waiter = CompletableFuture
				.supplyAsync(() -> start(changelog, role, "lockstep.lock.poll-interval=3s"));
			try (ConfigurableApplicationContext first = holder.get(2, TimeUnit.MINUTES);
					ConfigurableApplicationContext second = waiter.get(2, TimeUnit.MINUTES)) {
				assertThat(first.isActive()).isTrue();
				assertThat(second.isActive()).isTrue();
			}
			new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled());
		}
	}

	@Test
	void statementTimeoutFailsTheChangesetWithTheServersReason() {
		Changelogs changelog = Changelogs.journaled(this.directory, 20, 3.0);
		try (TestRole role = TestRole.create(database, "statement_timeout=1s")) {
			MigrationFailedException failure = failedStart(changelog, role);
			assertThat(failure.getMessage()).contains("cs-010").contains("statement timeout");
			assertFailedRunLeftNothingBehind(changelog, 9);
		}
	}

	@Test
	void lockTimeoutFailsTheChangesetWithTheServersReason() throws Exception {
		Changelogs applied = Changelogs.journaled(this.directory, 20, 0.01);
		MigratingApplication.start(database, applied.location()).close();
		// The same file, with a changeset more.
		Changelogs changelog = Changelogs.journaled(this.directory, 21, 0.01);
		try (TestRole role = TestRole.create(database, "lock_timeout=500ms");
				var connection = database.connect();
				var statement = connection.createStatement()) {
			// A transaction of the test's keeps the journal locked.
			connection.setAutoCommit(false);
			statement.execute("LOCK TABLE " + Journal.TABLE + " IN ACCESS EXCLUSIVE MODE");
			MigrationFailedException failure = failedStart(changelog, role);
			assertThat(failure.getMessage()).contains("cs-021").contains("lock timeout");
			connection.rollback();
			assertFailedRunLeftNothingBehind(changelog, 20);
		}
	}

	private static void assertFailedRunLeftNothingBehind(Changelogs changelog, int applied) {
		new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled().subList(0, applied));
		assertThat(database.appliedIds()).hasSize(applied + 1);
		assertThat(lockHolders()).as("advisory locks held after the failed start").isZero();
		assertThat(database.jdbc().queryForObject("SELECT locked FROM databasechangeloglock", Boolean.class)).isFalse();
	}

	private static MigrationFailedException failedStart(Changelogs changelog, TestRole role) {
		return MigratingApplication.failedStart(MigrationFailedException.class, database, changelog.location(),
				role.properties());
	}

	private static ConfigurableApplicationContext start(Changelogs changelog, TestRole role, String... properties) {
		return MigratingApplication.start(database, changelog.location(),
				Stream.concat(Stream.of(role.properties()), Stream.of(properties)).toArray(String[]::new));
	}

	private static void awaitLockHeld() {
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> lockHolders() > 0);
	}

	private static int lockHolders() {
		return AdvisoryLocks.holders(database.jdbc()).size();
	}

}

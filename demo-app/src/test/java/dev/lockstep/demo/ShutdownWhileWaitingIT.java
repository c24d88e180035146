package dev.lockstep.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import dev.lockstep.lock.LockName;
import dev.lockstep.postgres.PostgresLockKey;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A demo process that waits for the migration lock gets SIGTERM: it gives up the wait at
 * once, says so, and exits.
 */
class ShutdownWhileWaitingIT {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void sigtermWhileWaitingForTheLockEndsTheProcessPromptly() throws Exception {
		try (Connection holder = database.connect(); DemoProcess waiter = DemoProcess.start(database)) {
			try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
				lock.setLong(1, PostgresLockKey.of(LockName.forChangelogTable("public", "DATABASECHANGELOG")).key());
				lock.execute();
			}
			waiter.awaitOutput("Waiting for the migration lock 'lockstep:public.databasechangelog'",
					Duration.ofMinutes(1));
			long terminatedAt = System.nanoTime();
			waiter.terminate();
			waiter.awaitExit(Duration.ofSeconds(30));
			Duration exit = Duration.ofNanos(System.nanoTime() - terminatedAt);
			System.out.printf("Process exited %d ms after SIGTERM while waiting for the lock%n", exit.toMillis());
			assertThat(exit).isLessThan(Duration.ofSeconds(5));
			assertThat(waiter.output()).contains("Gave up waiting for migration lock "
					+ "'lockstep:public.databasechangelog': the application is shutting down");
			assertThat(database.columns("public", "greeting")).isEmpty();
		}
	}

}

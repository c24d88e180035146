package dev.lockstep.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three demo processes start at once; the one that holds the lock is killed with SIGKILL
 * in the middle of a 20-second statement. The next one gets the lock within about a
 * second of the kill (not when the dead holder's statement would have ended), reclaims
 * the dead holder's changelog lock row, and completes the migration.
 */
class KilledHolderIT {

	private static final Pattern LOCKSTEP_PID = Pattern.compile("\\(lockstep pid (\\d+)\\)");

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void killedHolderFreesTheLockAtOnceAndTheNextInstanceCompletes() throws Exception {
		List<DemoProcess> processes = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				processes.add(DemoProcess.startRacing(database, "kill"));
			}
			JdbcTemplate jdbc = database.jdbc();
			Map<String, Object> sleeper = await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> jdbc.queryForList("SELECT pid, application_name FROM pg_stat_activity "
						+ "WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(CASE%'"), (rows) -> rows.size() == 1)
				.get(0);
			long holderPid = jvmPid((String) sleeper.get("application_name"));
			DemoProcess holder = processes.stream().filter((process) -> process.pid() == holderPid).findFirst()
				.orElseThrow();

			long killedAt = System.nanoTime();
			ProcessHandle.of(holderPid).orElseThrow().destroyForcibly();
			int nextHolderBackend = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> jdbc.queryForList("SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' "
						+ "AND l.granted AND l.pid <> ?", Integer.class, sleeper.get("pid")), (pids) -> !pids.isEmpty())
				.get(0);
			Duration handOver = Duration.ofNanos(System.nanoTime() - killedAt);
			System.out.printf("Lock taken by backend %d %d ms after SIGKILL of the holder (pid %d)%n",
					nextHolderBackend, handOver.toMillis(), holderPid);
			assertThat(handOver).isLessThan(Duration.ofSeconds(8));

			for (DemoProcess process : processes) {
				if (process != holder) {
					assertThat(process.awaitExit(Duration.ofMinutes(2))).as(process.output()).isZero();
				}
			}
			assertThat(jdbc.queryForList("SELECT id FROM slow_work ORDER BY id", Integer.class)).containsExactly(1, 2);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class)).isEqualTo(4);
			assertThat(jdbc.queryForObject("SELECT locked FROM databasechangeloglock", Boolean.class)).isFalse();
			assertThat(processes.stream().map(DemoProcess::output))
				.anySatisfy((output) -> assertThat(output).contains("Reclaiming public.databasechangeloglock row left by "
						+ "a Lockstep process that no longer runs").contains("pid " + holderPid));
		}
		finally {
			processes.forEach(DemoProcess::close);
		}
	}

	private static long jvmPid(String applicationName) {
		Matcher matcher = LOCKSTEP_PID.matcher(applicationName);
		assertThat(matcher.find()).as("lock session name %s", applicationName).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}

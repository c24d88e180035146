package dev.lockstep.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many instances start at once, round after round, on an emptied database: every
 * changeset's own effect happens exactly once, no two runners overlap, and every start
 * succeeds. In one JVM (each instance on its own pool) and as separate processes.
 */
class LoadReliabilityIT {

	private static final int CHANGESETS = 24;

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@TempDir
	Path directory;

	@Test
	void instancesInOneJvmMigrateExactlyOnce() throws Exception {
		int instances = Reliability.size("load.instances", 12, 50);
		int rounds = Reliability.size("load.rounds", 3, 20);
		Changelogs changelog = Changelogs.journaled(this.directory, CHANGESETS, 1.0);
		List<Duration> handOffs = new ArrayList<>();
		List<Duration> lags = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(instances);
		try {
			for (int round = 1; round <= rounds; round++) {
				database.reset();
				LockTimeline timeline = new LockTimeline();
				CyclicBarrier startLine = new CyclicBarrier(instances);
				List<Future<Long>> starts = new ArrayList<>();
				for (int i = 0; i < instances; i++) {
					starts.add(executor.submit(() -> {
						startLine.await();
						try (ConfigurableApplicationContext context = MigratingApplication.start(database,
								changelog.location(), timeline.recorder(), "spring.datasource.hikari.maximum-pool-size=1",
								"spring.datasource.hikari.minimum-idle=0")) {
							assertThat(context.isActive()).isTrue();
							return System.nanoTime();
						}
					}));
				}
				long lastStarted = 0;
				for (Future<Long> start : starts) {
					lastStarted = Math.max(lastStarted, start.get(5, TimeUnit.MINUTES));
				}
				new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled());
				assertThat(database.appliedIds()).hasSize(CHANGESETS + 1);
				handOffs.addAll(timeline.handOffs());
				lags.add(Duration.ofNanos(lastStarted - timeline.firstRelease()));
				System.out.printf("Load round %d/%d: %d instances started, every changeset ran once%n", round, rounds,
						instances);
			}
		}
		finally {
			executor.shutdownNow();
		}
		System.out.printf("Load, %d instances x %d rounds in one JVM: hand-offs %s; last instance started after "
				+ "the holder's release: %s%n", instances, rounds, Percentiles.of(handOffs), Percentiles.of(lags));
		assertThat(handOffs).isNotEmpty().allSatisfy((handOff) -> assertThat(handOff).isLessThan(Duration.ofSeconds(5)));
	}

	@Test
	void processesMigrateExactlyOnce() throws Exception {
		int processes = Reliability.size("load.processes", 3, 8);
		int rounds = Reliability.size("load.process-rounds", 2, 5);
		Changelogs changelog = Changelogs.journaled(this.directory, CHANGESETS, 2.0);
		List<Duration> lags = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			database.reset();
			List<AppProcess> started = new ArrayList<>();
			try {
				for (int i = 0; i < processes; i++) {
					started.add(AppProcess.start(database, changelog.location(), "--lockstep.mode=migrate-only"));
				}
				List<Long> exits = new ArrayList<>();
				for (AppProcess process : started) {
					assertThat(process.awaitExit(Duration.ofMinutes(3))).as(process.output()).isZero();
					exits.add(process.exitedAt());
				}
				new Journal(database.jdbc()).assertRanExactlyOnce(changelog.journaled());
				assertThat(database.appliedIds()).hasSize(CHANGESETS + 1);
				lags.add(Duration.ofNanos(exits.stream().max(Long::compare).orElseThrow()
						- exits.stream().min(Long::compare).orElseThrow()));
			}
			finally {
				started.forEach(AppProcess::close);
			}
			System.out.printf("Process round %d/%d: %d processes exited 0, every changeset ran once%n", round, rounds,
					processes);
		}
		System.out.printf("Load, %d processes x %d rounds: last process done after the first: %s%n", processes, rounds,
				Percentiles.of(lags));
	}

}

package dev.lockstep.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.lockstep.reliability.app.ReliabilityApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes of {@code /actuator/migrations}, opened: seeded random bodies, targets,
 * content types, sizes and paths never get a 5xx, and a 4xx never changes anything; 100
 * writes sent at once serialize (the journal shows no two runs overlapped) and each gets
 * 200, 400 or 409.
 */
class EndpointReliabilityIT {

	private static final int CHANGESETS = 20;

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@TempDir
	static Path directory;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static ConfigurableApplicationContext application;

	private static Changelogs changelog;

	@BeforeAll
	static void start() {
		changelog = Changelogs.journaled(directory, CHANGESETS, 0.2);
		application = new SpringApplicationBuilder(ReliabilityApplication.class)
			.properties(database.datasourceProperties())
			.properties("server.port=0", "spring.main.banner-mode=off",
					"spring.liquibase.change-log=" + changelog.location(),
					"management.endpoints.web.exposure.include=migrations",
					"management.endpoint.migrations.access=unrestricted", "lockstep.endpoint.lock-wait-timeout=2s",
					"server.tomcat.threads.max=120")
			.run();
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void fuzzedWritesNeverFailOnTheServerAndNeverChangeAnythingWhenRefused() throws Exception {
		int requests = Reliability.size("endpoint.requests", 300, 3000);
		Random random = Reliability.random("endpoint-fuzz");
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < requests; i++) {
			FuzzedRequest request = FuzzedRequest.random(random);
			String before = state();
			HttpResponse<String> response = send(request);
			statuses.merge(response.statusCode(), 1, Integer::sum);
			assertThat(response.statusCode()).as("%s answered %s", request, response.body()).isLessThan(500);
			if (response.statusCode() >= 400) {
				assertThat(state()).as("state after %s answered %d", request, response.statusCode()).isEqualTo(before);
			}
		}
		System.out.printf("Endpoint fuzz: %d requests, statuses %s%n", requests, statuses);
		assertThat(statuses).as("statuses").containsKey(200).containsKey(400);
	}

	@Test
	void concurrentWritesSerializeAndEachGetsAnAnswer() throws Exception {
		int writes = Reliability.size("endpoint.concurrent", 100, 100);
		Random random = Reliability.random("endpoint-concurrent");
		List<String> operations = List.of("upgrade:head", "upgrade:+1", "downgrade:-1", "downgrade:-2", "downgrade:base");
		Map<String, Long> balanceBefore = runBalance();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < writes; i++) {
			String[] operation = operations.get(random.nextInt(operations.size())).split(":");
			answers.add(http.sendAsync(
					HttpRequest.newBuilder(uri("/actuator/migrations/" + operation[0]))
						.timeout(Duration.ofMinutes(2))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"target\": \"" + operation[1] + "\"}"))
						.build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		Map<Integer, Long> statuses = answers.stream()
			.map(CompletableFuture::join)
			.collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
		System.out.printf("Endpoint, %d writes at once: statuses %s%n", writes, statuses);
		assertThat(statuses.keySet()).as("statuses").isSubsetOf(200, 400, 409).contains(200);
		Journal.assertNoOverlap(new Journal(database.jdbc()).entries());
		// Each changeset ran once more than it was rolled back if the writes applied it, once
		// less if they rolled it back, as often if neither (stamps of earlier tests aside).
		Map<String, Long> balanceAfter = runBalance();
		for (String id : changelog.journaled()) {
			assertThat(balanceAfter.get(id) - balanceBefore.get(id)).as("runs minus rollbacks of %s", id)
				.isEqualTo(balanceAfter.get("applied:" + id) - balanceBefore.get("applied:" + id));
		}
	}

	/**
	 * Return, for each changeset, its runs minus its rollbacks in the journal, and under
	 * {@code applied:<id>} whether it is applied (1) or not (0).
	 */
	private static Map<String, Long> runBalance() {
		List<Journal.Entry> entries = new Journal(database.jdbc()).entries();
		List<String> applied = database.appliedIds();
		Map<String, Long> balance = new TreeMap<>();
		for (String id : changelog.journaled()) {
			long runs = entries.stream().filter((entry) -> entry.changeset().equals(id)).count();
			long undone = entries.stream().filter((entry) -> entry.changeset().equals(Changelogs.UNDO + id)).count();
			balance.put(id, runs - undone);
			balance.put("applied:" + id, applied.contains(id) ? 1L : 0L);
		}
		return balance;
	}

	private static HttpResponse<String> send(FuzzedRequest request) throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request.path()))
			.timeout(Duration.ofMinutes(1))
			.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
		if (request.contentType() != null) {
			builder.header("Content-Type", request.contentType());
		}
		return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port") + path);
	}

	/**
	 * What a write can change: the changelog table and the journal.
	 */
	private static String state() {
		JdbcTemplate jdbc = database.jdbc();
		return jdbc.queryForObject("SELECT coalesce(string_agg(id || ':' || exectype, ',' ORDER BY orderexecuted), '') "
				+ "FROM databasechangelog", String.class) + " / "
				+ jdbc.queryForObject("SELECT count(*) FROM " + Journal.TABLE, Long.class);
	}

}

package dev.lockstep.actuate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.lockstep.actuate.EndpointApplication.AuditRecorder;
import dev.lockstep.actuate.EndpointApplication.Response;
import dev.lockstep.engine.Migrator;
import dev.lockstep.lock.LockName;
import dev.lockstep.postgres.PostgresLockKey;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.lockstep.actuate.EndpointApplication.get;
import static dev.lockstep.actuate.EndpointApplication.post;
import static dev.lockstep.actuate.EndpointApplication.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP tests of {@code /actuator/migrations} through a real server on a random port: one
 * application with the endpoint's default (read-only) access, one opened for writes.
 */
class MigrationsEndpointWebTests {

	private static final List<String> NOT_CONCRETE_CONTENT_TYPES = List.of("*/*", "application/*", "*/json", "*",
			"nonsense");

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	static ConfigurableApplicationContext readOnly;

	static ConfigurableApplicationContext open;

	@BeforeAll
	static void start() {
		open = EndpointApplication.start(database, Object.class, EndpointApplication.WITHOUT_SECURITY,
				"management.endpoint.migrations.access=unrestricted", "lockstep.endpoint.lock-wait-timeout=1s");
		readOnly = EndpointApplication.start(database, Object.class, EndpointApplication.WITHOUT_SECURITY);
	}

	@AfterAll
	static void stop() {
		open.close();
		readOnly.close();
	}

	@BeforeEach
	void atHead() {
		migrator().upgrade("head", false);
	}

	@Test
	void summaryNamesCurrentHeadPendingLockModeAndLastRun() throws Exception {
		Response response = get(readOnly, "/actuator/migrations");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> summary = response.read("$");
		assertThat(summary).containsOnlyKeys("current", "head", "upToDate", "pendingCount", "lock", "mode", "lastRun",
				"migration", "migrations");
		assertThat((List<String>) response.read("$.migrations")).containsExactly("default");
		assertThat((Map<String, Object>) response.read("$.current")).containsOnlyKeys("id", "fullName", "tag",
				"appliedAt");
		assertThat((String) response.read("$.current.fullName"))
			.isEqualTo("db/ops/004-reporting.yaml::customer-totals-view::reporting");
		assertThat((String) response.read("$.current.tag")).isEqualTo("v3");
		assertThat(Instant.parse(response.read("$.current.appliedAt"))).isBefore(Instant.now());
		assertThat((String) response.read("$.head.id")).isEqualTo("customer-totals-view");
		assertThat((Boolean) response.read("$.upToDate")).isTrue();
		assertThat((Integer) response.read("$.pendingCount")).isZero();
		assertThat((Boolean) response.read("$.lock.held")).isFalse();
		assertThat((String) response.read("$.mode")).isEqualTo("migrate");
		assertThat((Map<String, Object>) response.read("$.lastRun")).containsOnlyKeys("operation", "outcome",
				"finishedAt", "durationMs", "changeSets", "error");
		assertThat((String) response.read("$.lastRun.operation")).isEqualTo("startup");
		assertThat((String) response.read("$.lastRun.outcome")).isEqualTo("SUCCESS");
	}

	@Test
	void summaryShowsWhoHoldsTheLock() throws Exception {
		try (Connection holder = holdLock("schema-fixer")) {
			Response response = get(readOnly, "/actuator/migrations");
			assertThat((Boolean) response.read("$.lock.held")).isTrue();
			assertThat((String) response.read("$.lock.holder")).startsWith("'schema-fixer' at 127.0.0.1");
		}
	}

	@Test
	void historyComesInPagesNewestFirstWithTheTotal() throws Exception {
		Response firstPage = get(readOnly, "/actuator/migrations/history?limit=5");
		assertThat((List<String>) firstPage.read("$.changeSets[*].id")).hasSize(5).first().isEqualTo("customer-totals-view");
		assertThat((Integer) firstPage.read("$.total")).isEqualTo(14);
		Response lastPage = get(readOnly, "/actuator/migrations/history?limit=5&offset=10&order=oldest-first");
		assertThat((List<String>) lastPage.read("$.changeSets[*].id")).hasSize(4).last().isEqualTo("customer-totals-view");
		assertThat((Integer) lastPage.read("$.offset")).isEqualTo(10);
	}

	@Test
	void badPageIsRefusedWithItsReason() throws Exception {
		Response negative = get(readOnly, "/actuator/migrations/history?limit=-1");
		assertThat(negative.status()).isEqualTo(400);
		assertThat((String) negative.read("$.reason")).isEqualTo("INVALID_PAGE");
		Response order = get(readOnly, "/actuator/migrations/history?order=sideways");
		assertThat(order.status()).isEqualTo(400);
		assertThat((String) order.read("$.message")).contains("'sideways'");
	}

	@Test
	void historyAndPendingListChangesetsWithTheirStates() throws Exception {
		forgetReportingView();
		migrator().downgrade("v2", false);
		Response history = get(readOnly, "/actuator/migrations/history");
		assertThat(history.status()).isEqualTo(200);
		List<Map<String, Object>> changeSets = history.read("$.changeSets");
		assertThat(changeSets).hasSize(14);
		assertThat(changeSets.get(13)).containsOnlyKeys("id", "fullName", "state", "description", "tag",
				"rollbackSupported", "applied");
		assertThat((Map<String, Object>) changeSets.get(13).get("applied")).containsOnlyKeys("executedAt", "order",
				"deploymentId", "checksum", "tag", "execType");
		assertThat(changeSets).extracting((changeSet) -> changeSet.get("state"))
			.as("newest first")
			.containsExactly("pending", "pending", "pending", "pending", "pending", "pending", "applied", "applied",
					"applied", "applied", "applied", "applied", "applied", "applied");
		assertThat((Integer) history.read("$.total")).isEqualTo(14);
		Response pending = get(readOnly, "/actuator/migrations/pending");
		assertThat((List<String>) pending.read("$.changeSets[*].id")).containsExactly("create-audit-log",
				"create-index", "audit-sample", "add-audit-actor", "tag-v3", "customer-totals-view");
		assertThat((List<Object>) pending.read("$.changeSets[*].applied")).containsOnlyNulls();
	}

	@Test
	void unknownPartIsNotFound() throws Exception {
		Response response = get(readOnly, "/actuator/migrations/everything");
		assertThat(response.status()).isEqualTo(404);
		assertThat((String) response.read("$.reason")).isEqualTo("UNKNOWN_PART");
	}

	@Test
	void writesAreDeniedByDefault() throws Exception {
		List<String> applied = database.appliedIds();
		for (String operation : List.of("upgrade", "downgrade", "stamp")) {
			Response response = post(readOnly, "/actuator/migrations/" + operation, "{\"target\": \"-1\"}");
			assertThat(response.status()).as(operation).isIn(404, 405);
		}
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	@Test
	void upgradeWithEachTargetForm() throws Exception {
		forgetReportingView();
		migrator().downgrade("base", false);
		assertUpgrade("+2", "db/ops/001-customers.yaml::create-customer::lockstep",
				"db/ops/001-customers.yaml::add-customer-email::lockstep");
		assertThat(database.columns("public", "customer")).containsExactly("id", "name", "email");
		Response toTag = post(open, "/actuator/migrations/upgrade", "{\"target\": \"v2\"}");
		assertThat((List<String>) toTag.read("$.changeSets")).hasSize(6);
		assertThat((String) toTag.read("$.after")).endsWith("(tag v2)");
		assertThat(database.columns("public", "orders")).containsExactly("id", "customer_id", "total");
		assertUpgrade("create-audit-log", "db/ops/003-audit.yaml::create-audit-log::lockstep");
		assertUpgrade("db/ops/003-audit.yaml::create-index::lockstep", "db/ops/003-audit.yaml::create-index::lockstep");
		Response toHead = post(open, "/actuator/migrations/upgrade", "{\"target\": \"head\", \"dryRun\": false}");
		assertThat((List<String>) toHead.read("$.changeSets")).hasSize(4);
		assertThat(database.columns("public", "customer_totals")).isNotEmpty();
	}

	@Test
	void downgradeWithEachTargetForm() throws Exception {
		forgetReportingView();
		Response minusTwo = post(open, "/actuator/migrations/downgrade", "{\"target\": \"-2\"}");
		assertThat(minusTwo.status()).isEqualTo(200);
		assertThat((List<String>) minusTwo.read("$.changeSets")).containsExactly("db/ops/003-audit.yaml::tag-v3::lockstep",
				"db/ops/003-audit.yaml::add-audit-actor::lockstep");
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry");
		post(open, "/actuator/migrations/downgrade", "{\"target\": \"create-audit-log\"}");
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM audit_log", Integer.class)).isZero();
		String beforeAudit = database.jdbc()
			.queryForObject("SELECT dateexecuted FROM databasechangelog WHERE id = 'create-audit-log'",
					java.sql.Timestamp.class)
			.toInstant()
			.minusMillis(1)
			.toString();
		assertThat(post(open, "/actuator/migrations/downgrade", "{\"target\": \"" + beforeAudit + "\"}").status())
			.isEqualTo(200);
		assertThat(database.columns("public", "audit_log")).isEmpty();
		post(open, "/actuator/migrations/downgrade", "{\"target\": \"v1\"}");
		assertThat(database.columns("public", "orders")).isEmpty();
		Response toBase = post(open, "/actuator/migrations/downgrade", "{\"target\": \"base\"}");
		assertThat(toBase.status()).isEqualTo(200);
		assertThat((String) toBase.read("$.after")).isNull();
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void stampUpAndDown() throws Exception {
		Response down = post(open, "/actuator/migrations/stamp", "{\"target\": \"v2\"}");
		assertThat(down.status()).isEqualTo(200);
		assertThat((List<String>) down.read("$.changeSets")).hasSize(6);
		assertThat(database.columns("public", "audit_log")).as("stamp rolls nothing back").isNotEmpty();
		Response up = post(open, "/actuator/migrations/stamp", "{\"target\": \"head\"}");
		assertThat((List<String>) up.read("$.changeSets")).hasSize(6);
		assertThat(database.appliedIds()).hasSize(14);
	}

	@Test
	void dryRunsReturnTheSqlAndChangeNothing() throws Exception {
		forgetReportingView();
		migrator().downgrade("v2", false);
		List<String> dump = database.schemaDump("public");
		List<String> applied = database.appliedIds();
		Response upgrade = post(open, "/actuator/migrations/upgrade", "{\"target\": \"+1\", \"dryRun\": true}");
		assertThat(upgrade.status()).isEqualTo(200);
		assertThat((Boolean) upgrade.read("$.dryRun")).isTrue();
		assertThat((String) upgrade.read("$.sql")).contains("CREATE TABLE public.audit_log");
		Response downgrade = post(open, "/actuator/migrations/downgrade", "{\"target\": \"v1\", \"dryRun\": true}");
		assertThat((String) downgrade.read("$.sql")).contains("DROP TABLE public.orders");
		Response stamp = post(open, "/actuator/migrations/stamp", "{\"target\": \"head\", \"dryRun\": true}");
		assertThat((String) stamp.read("$.sql")).contains("INSERT INTO public.databasechangelog");
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	@Test
	void badInputAnswers400NamingTheProblemAndChangesNothing() throws Exception {
		List<String> dump = database.schemaDump("public");
		List<String> applied = database.appliedIds();
		assertBadRequest("explode", "{\"target\": \"head\"}", "UNKNOWN_OPERATION");
		assertBadRequest("upgrade", "{}", "MISSING_TARGET");
		assertBadRequest("upgrade", "{\"target\": \"  \"}", "MISSING_TARGET");
		assertBadRequest("downgrade", "{\"target\": \"no-such-thing\"}", "UNKNOWN_TARGET");
		Response ambiguous = assertBadRequest("downgrade", "{\"target\": \"create-index\"}", "AMBIGUOUS_TARGET");
		assertThat((List<String>) ambiguous.read("$.candidates")).hasSize(2);
		assertBadRequest("upgrade", "{\"target\": \"-3\"}", "WRONG_DIRECTION");
		assertBadRequest("downgrade", "{\"target\": \"-99999\"}", "OUT_OF_RANGE");
		assertBadRequest("upgrade", "{\"target\": \"+99999999999\"}", "MALFORMED_TARGET");
		assertBadRequest("upgrade", "{\"target\": \"+1\"}", "OUT_OF_RANGE");
		assertBadRequest("upgrade", "{\"target\": \"v1\"}", "WRONG_DIRECTION");
		Response noRollback = assertBadRequest("downgrade", "{\"target\": \"base\"}", "NO_ROLLBACK");
		assertThat((String) noRollback.read("$.message")).contains("customer-totals-view::reporting has no rollback");
		Response malformed = post(open, "/actuator/migrations/upgrade", "{\"target\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	/**
	 * Spring Framework's request reading throws for a wildcard Content-Type, which used to
	 * answer 500 (spring-framework#27957).
	 */
	@Test
	void wildcardOrInvalidContentTypeAnswers415AndChangesNothing() throws Exception {
		List<String> dump = database.schemaDump("public");
		List<String> applied = database.appliedIds();
		for (String method : List.of("POST", "DELETE", "PUT", "PATCH", "GET")) {
			for (String path : List.of("/actuator/migrations/downgrade", "/actuator/migrations")) {
				for (String contentType : NOT_CONCRETE_CONTENT_TYPES) {
					Response response = send(open, method, path, contentType, "{\"target\": \"-1\"}");
					assertThat(response.status()).as("%s %s with Content-Type %s", method, path, contentType)
						.isEqualTo(415);
				}
			}
		}
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	@Test
	void wildcardContentTypeAnswers415OnASeparateManagementPort() throws Exception {
		try (ConfigurableApplicationContext managementPort = EndpointApplication.start(database, Object.class,
				EndpointApplication.WITHOUT_SECURITY, "management.endpoint.migrations.access=unrestricted",
				"management.server.port=0")) {
			assertThat(send(managementPort, "POST", "/actuator/migrations/upgrade", "*/*", "{\"target\": \"head\"}")
				.status()).isEqualTo(415);
			assertThat(send(managementPort, "GET", "/actuator/migrations", "application/*", "").status())
				.isEqualTo(415);
			assertThat(get(managementPort, "/actuator/migrations").status()).isEqualTo(200);
		}
	}

	@Test
	void lockHeldElsewhereAnswers409NamingTheHolder() throws Exception {
		migrator().stamp("-1", false);
		try (Connection holder = holdLock("long-running-job")) {
			long start = System.nanoTime();
			Response response = post(open, "/actuator/migrations/upgrade", "{\"target\": \"head\"}");
			assertThat(response.status()).isEqualTo(409);
			assertThat((String) response.read("$.reason")).isEqualTo("LOCK_HELD");
			assertThat((String) response.read("$.message")).contains("held by 'long-running-job'");
			assertThat(System.nanoTime() - start).as("the request waited about the configured second")
				.isLessThan(30_000_000_000L);
		}
		assertThat(database.appliedIds()).hasSize(13);
		// The view was only forgotten: record it again, as the next test starts at head.
		migrator().stamp("head", false);
	}

	@Test
	void everyWriteIsAudited() throws Exception {
		AuditRecorder recorder = open.getBean(AuditRecorder.class);
		recorder.events.clear();
		post(open, "/actuator/migrations/downgrade", "{\"target\": \"nope\"}");
		post(open, "/actuator/migrations/stamp", "{\"target\": \"-1\", \"dryRun\": true}");
		assertThat(recorder.events).hasSize(2);
		AuditEvent refused = recorder.events.get(0).getAuditEvent();
		assertThat(refused.getPrincipal()).isEqualTo("anonymous");
		assertThat(refused.getType()).isEqualTo(MigrationsEndpoint.AUDIT_EVENT_TYPE);
		assertThat(refused.getData()).containsEntry("operation", "downgrade")
			.containsEntry("target", "nope")
			.containsEntry("outcome", "REFUSED")
			.containsKey("error");
		assertThat(recorder.events.get(1).getAuditEvent().getData()).containsEntry("dryRun", true)
			.containsEntry("outcome", "SUCCESS")
			.containsEntry("changeSets", 1);
	}

	@Test
	void healthIsUpWithDetails() throws Exception {
		Response response = get(readOnly, "/actuator/health/migrations");
		assertThat(response.status()).isEqualTo(200);
		assertThat((String) response.read("$.status")).isEqualTo("UP");
		assertThat((Integer) response.read("$.details.pendingCount")).isZero();
		assertThat((String) response.read("$.details.current")).contains("customer-totals-view");
	}

	private void assertUpgrade(String target, String... changeSets) throws Exception {
		Response response = post(open, "/actuator/migrations/upgrade", "{\"target\": \"" + target + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat((Map<String, Object>) response.read("$")).containsOnlyKeys("operation", "target", "dryRun",
				"changeSets", "sql", "before", "after", "durationMs");
		assertThat((String) response.read("$.operation")).isEqualTo("upgrade");
		assertThat((List<String>) response.read("$.changeSets")).containsExactly(changeSets);
	}

	private Response assertBadRequest(String operation, String body, String reason) throws Exception {
		Response response = post(open, "/actuator/migrations/" + operation, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat((Map<String, Object>) response.read("$")).containsOnlyKeys("status", "reason", "message",
				"candidates");
		assertThat((String) response.read("$.reason")).isEqualTo(reason);
		assertThat((String) response.read("$.message")).isNotBlank();
		return response;
	}

	/**
	 * The reporting view has no rollback: forget it without running one, the way an
	 * operator would, and drop it by hand.
	 */
	private static void forgetReportingView() {
		migrator().stamp("-1", false);
		database.jdbc().execute("DROP VIEW customer_totals");
	}

	private static Migrator migrator() {
		return open.getBean(Migrator.class);
	}

	private static Connection holdLock(String applicationName) throws Exception {
		Connection connection = database.connect();
		connection.createStatement().execute("SET application_name = '" + applicationName + "'");
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, PostgresLockKey.of(LockName.forChangelogTable("public", "DATABASECHANGELOG")).key());
			lock.execute();
		}
		return connection;
	}

}

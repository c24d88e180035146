package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Migrator}: every operation and target form, asserted on the schema.
 */
class MigratorTests {

	static final String CHANGELOG = "classpath:db/ops/changelog.yaml";

	static final List<String> ALL_IDS = List.of("create-customer", "add-customer-email", "tag-v1", "create-orders",
			"orders-customer-fk", "create-index", "seed-customers", "tag-v2", "create-audit-log", "create-index",
			"audit-sample", "add-audit-actor", "tag-v3", "customer-totals-view");

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	static Migrator migrator(MigrationSettings settings) {
		return migrator(database.dataSource(), settings);
	}

	static Migrator migrator(DataSource dataSource, MigrationSettings settings) {
		return new Migrator(dataSource, new DefaultResourceLoader(), settings,
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(30), "migrator-test", LockListener.NONE));
	}

	static Migrator migrator() {
		return migrator(MigrationSettings.of(CHANGELOG));
	}

	/**
	 * A migrator for the changesets that all have rollbacks (the reporting context is left
	 * out).
	 */
	static Migrator testContextMigrator() {
		return migrator(new MigrationSettings(CHANGELOG, "test", null, Map.of(), null, null, null, null,
				null));
	}

	@Test
	void historyOfAnEmptyDatabaseListsEveryChangesetAsPending() {
		MigrationHistory history = migrator().history();
		assertThat(history.entries()).extracting((entry) -> entry.revision().id()).containsExactlyElementsOf(ALL_IDS);
		assertThat(history.entries()).allSatisfy((entry) -> assertThat(entry.state()).isEqualTo(ChangeSetState.PENDING));
		assertThat(history.current()).isNull();
		assertThat(history.head().fullName()).isEqualTo("db/ops/004-reporting.yaml::customer-totals-view::reporting");
		assertThat(database.columns("public", "databasechangelog")).as("reading creates nothing").isEmpty();
	}

	@Test
	void upgradeToHeadAppliesEverything() {
		OperationResult result = migrator().upgrade("head", false);
		assertThat(result.changeSets()).extracting(Revision::id).containsExactlyElementsOf(ALL_IDS);
		assertThat(result.before()).isNull();
		assertThat(result.after().revision().id()).isEqualTo("customer-totals-view");
		assertThat(result.after().tag()).isEqualTo("v3");
		assertThat(database.columns("public", "customer")).containsExactly("id", "name", "email");
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry", "actor");
		assertThat(database.columns("public", "customer_totals")).containsExactly("id", "name", "total");
		assertThat(database.jdbc().queryForList("SELECT name FROM customer ORDER BY id", String.class))
			.containsExactly("Ada", "Grace");
		MigrationStatus status = migrator().status();
		assertThat(status.upToDate()).isTrue();
		assertThat(status.pendingCount()).isZero();
		assertThat(migrator().history().entries()).allSatisfy((entry) -> {
			assertThat(entry.state()).isEqualTo(ChangeSetState.APPLIED);
			assertThat(entry.applied().checksum()).startsWith("9:");
			assertThat(entry.applied().deploymentId()).isNotBlank();
			assertThat(entry.applied().execType()).isEqualTo("EXECUTED");
		});
	}

	@Test
	void upgradeByCountTagAndChangeset() {
		Migrator migrator = migrator();
		assertThat(migrator.upgrade("+2", false).changeSets()).extracting(Revision::id)
			.containsExactly("create-customer", "add-customer-email");
		assertThat(database.columns("public", "customer")).containsExactly("id", "name", "email");
		assertThat(database.columns("public", "orders")).isEmpty();

		OperationResult toTag = migrator.upgrade("v2", false);
		assertThat(toTag.changeSets()).extracting(Revision::id)
			.containsExactly("tag-v1", "create-orders", "orders-customer-fk", "create-index", "seed-customers", "tag-v2");
		assertThat(toTag.after().tag()).isEqualTo("v2");
		assertThat(database.schemaDump("public")).contains("constraint orders.orders_customer_fk FOREIGN KEY")
			.anyMatch((line) -> line.startsWith("index orders_customer_idx"));
		assertThat(database.columns("public", "audit_log")).isEmpty();

		migrator.upgrade("db/ops/003-audit.yaml::create-index::lockstep", false);
		assertThat(database.schemaDump("public")).anyMatch((line) -> line.startsWith("index audit_log_entry_idx"));
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry");

		migrator.upgrade("add-audit-actor", false);
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry", "actor");
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM audit_log", Integer.class)).isOne();
		assertThat(migrator.status().pendingCount()).isEqualTo(2);
	}

	@Test
	void downgradeByCountTagChangesetDateAndBase() throws Exception {
		Migrator migrator = testContextMigrator();
		migrator.upgrade("v2", false);
		Instant betweenV2AndV3 = Instant.now();
		Thread.sleep(50);
		migrator.upgrade("head", false);
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry", "actor");

		assertThat(migrator.downgrade("-2", false).changeSets()).extracting(Revision::id)
			.containsExactly("tag-v3", "add-audit-actor");
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry");

		migrator.downgrade("create-audit-log", false);
		assertThat(database.schemaDump("public")).noneMatch((line) -> line.startsWith("index audit_log_entry_idx"));
		assertThat(database.columns("public", "audit_log")).containsExactly("id", "entry");

		migrator.downgrade(betweenV2AndV3.toString(), false);
		assertThat(database.columns("public", "audit_log")).isEmpty();
		assertThat(migrator.status().current().tag()).isEqualTo("v2");

		OperationResult toTag = migrator.downgrade("v1", false);
		assertThat(toTag.changeSets()).extracting(Revision::id)
			.containsExactly("tag-v2", "seed-customers", "create-index", "orders-customer-fk", "create-orders");
		assertThat(database.columns("public", "orders")).isEmpty();
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM customer", Integer.class)).isZero();
		assertThat(toTag.after().revision().id()).isEqualTo("tag-v1");

		migrator.downgrade("base", false);
		assertThat(database.schemaDump("public")).isEmpty();
		assertThat(database.appliedIds()).isEmpty();
	}

	@Test
	void roundTripGivesTheSameSchema() {
		Migrator migrator = testContextMigrator();
		migrator.upgrade("head", false);
		List<String> atHead = database.schemaDump("public");
		assertThat(atHead).hasSizeGreaterThan(10);
		migrator.downgrade("base", false);
		assertThat(database.schemaDump("public")).isEmpty();
		migrator.upgrade("head", false);
		assertThat(database.schemaDump("public")).isEqualTo(atHead);
	}

	@Test
	void stampUpRecordsWithoutRunning() {
		OperationResult result = migrator().stamp("v1", false);
		assertThat(result.changeSets()).extracting(Revision::id)
			.containsExactly("create-customer", "add-customer-email", "tag-v1");
		assertThat(database.appliedIds()).containsExactly("create-customer", "add-customer-email", "tag-v1");
		assertThat(database.columns("public", "customer")).as("stamp runs nothing").isEmpty();
		assertThat(result.after().tag()).isEqualTo("v1");
		assertThat(migrator().upgrade("+1", false).changeSets()).extracting(Revision::id)
			.containsExactly("create-orders");
	}

	@Test
	void stampDownForgetsWithoutRollingBack() {
		Migrator migrator = testContextMigrator();
		migrator.upgrade("head", false);
		OperationResult result = migrator.stamp("-2", false);
		assertThat(result.changeSets()).extracting(Revision::id).containsExactly("tag-v3", "add-audit-actor");
		assertThat(database.columns("public", "audit_log")).as("no rollback ran").contains("actor");
		assertThat(database.appliedIds()).doesNotContain("tag-v3", "add-audit-actor").hasSize(11);
		migrator.stamp("base", false);
		assertThat(database.appliedIds()).isEmpty();
		assertThat(database.columns("public", "customer")).isNotEmpty();
	}

	@Test
	void stampToHeadAndToAChangeset() {
		Migrator migrator = testContextMigrator();
		assertThat(migrator.stamp("head", false).changeSets()).hasSize(13);
		assertThat(migrator.status().upToDate()).isTrue();
		assertThat(migrator.stamp("db/ops/002-orders.yaml::create-index::lockstep", false).changeSets())
			.extracting(Revision::id)
			.containsExactly("tag-v3", "add-audit-actor", "audit-sample", "create-index", "create-audit-log",
					"tag-v2", "seed-customers");
		assertThat(database.appliedIds()).containsExactlyElementsOf(ALL_IDS.subList(0, 6));
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void upgradeDryRunShowsTheSqlAndChangesNothing() {
		Migrator migrator = migrator();
		migrator.upgrade("+1", false);
		List<String> dump = database.schemaDump("public");
		List<String> applied = database.appliedIds();
		OperationResult result = migrator.upgrade("v2", true);
		assertThat(result.dryRun()).isTrue();
		assertThat(result.sql()).contains("ALTER TABLE public.customer ADD email VARCHAR(200)")
			.contains("CREATE TABLE public.orders")
			.contains("INSERT INTO public.customer (id, name) VALUES (1, 'Ada')")
			.contains("INSERT INTO public.databasechangelog");
		assertThat(result.after()).isEqualTo(result.before());
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	@Test
	void downgradeAndStampDryRunsShowTheSqlAndChangeNothing() {
		Migrator migrator = testContextMigrator();
		migrator.upgrade("head", false);
		List<String> dump = database.schemaDump("public");
		List<String> applied = database.appliedIds();
		assertThat(migrator.downgrade("v2", true).sql()).contains("ALTER TABLE public.audit_log DROP COLUMN actor")
			.contains("DROP TABLE public.audit_log")
			.contains("DELETE FROM public.databasechangelog");
		assertThat(migrator.stamp("-1", true).sql())
			.contains("DELETE FROM public.databasechangelog WHERE ID = 'tag-v3'");
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	@Test
	void historyShowsChangedAndMissingChangesets() {
		Migrator migrator = migrator();
		migrator.upgrade("v1", false);
		database.jdbc().update("UPDATE databasechangelog SET md5sum = '9:0123456789abcdef0123456789abcdef' "
				+ "WHERE id = 'add-customer-email'");
		database.jdbc().update("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, "
				+ "exectype, md5sum) VALUES ('dropped', 'someone', 'db/ops/gone.yaml', now(), 99, 'EXECUTED', null)");
		MigrationHistory history = migrator.history();
		assertThat(history.entries()).filteredOn((entry) -> entry.state() == ChangeSetState.CHANGED)
			.extracting((entry) -> entry.revision().id())
			.containsExactly("add-customer-email");
		assertThat(history.entries()).last().satisfies((entry) -> {
			assertThat(entry.state()).isEqualTo(ChangeSetState.MISSING_FROM_CHANGELOG);
			assertThat(entry.revision().fullName()).isEqualTo("db/ops/gone.yaml::dropped::someone");
		});
		ValidationReport report = migrator.validate();
		assertThat(report.isValid()).isFalse();
		assertThat(report.changed()).extracting(Revision::id).containsExactly("add-customer-email");
		assertThat(report.missingFromChangelog()).extracting(Revision::id).containsExactly("dropped");
		assertThat(report.errors()).singleElement().asString().contains("add-customer-email");
	}

	@Test
	void historyMarksChangesetsOutsideTheActiveContextsAsFiltered() {
		MigrationHistory history = testContextMigrator().history();
		assertThat(history.entries()).filteredOn((entry) -> entry.state() == ChangeSetState.FILTERED)
			.extracting((entry) -> entry.revision().id())
			.containsExactly("customer-totals-view");
		assertThat(history.head().id()).isEqualTo("tag-v3");
	}

	@Test
	void validateOfACleanDatabaseFindsNothing() {
		migrator().upgrade("head", false);
		assertThat(migrator().validate().isValid()).isTrue();
	}

	@Test
	void upgradeCountsTheChangesetsLiquibaseRunsAgain() {
		Migrator migrator = migrator(MigrationSettings.of("classpath:db/rerun/changelog.yaml"));
		migrator.upgrade("head", false);
		migrator.stamp("-1", false);
		MigrationStatus status = migrator.status();
		assertThat(status.pendingCount()).as("a run-always changeset is not pending").isOne();
		OperationResult result = migrator.upgrade("+1", false);
		assertThat(result.changeSets()).extracting(Revision::id).containsExactly("count-every-run", "create-later");
		assertThat(database.appliedIds()).contains("create-later");
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM counter", Integer.class)).isEqualTo(2);
		assertThat(migrator.status().upToDate()).isTrue();
	}

	@Test
	void unknownTargetIsRefused() {
		assertRefused(() -> migrator().upgrade("nope", false), Reason.UNKNOWN_TARGET,
				"No changeset or tag is named 'nope'");
	}

	@Test
	void ambiguousTargetIsRefusedListingTheCandidates() {
		OperationRefusedException refusal = assertRefused(() -> migrator().upgrade("create-index", false),
				Reason.AMBIGUOUS_TARGET, "'create-index' names 2 changesets");
		assertThat(refusal.getCandidates()).containsExactly("db/ops/002-orders.yaml::create-index::lockstep",
				"db/ops/003-audit.yaml::create-index::lockstep");
	}

	@Test
	void targetsInTheWrongDirectionAreRefused() {
		migrator().upgrade("v2", false);
		assertRefused(() -> migrator().upgrade("v1", false), Reason.WRONG_DIRECTION,
				"Cannot upgrade to db/ops/001-customers.yaml::tag-v1::lockstep (tag v1): it is already applied");
		assertRefused(() -> migrator().downgrade("v3", false), Reason.WRONG_DIRECTION, "it is not applied yet");
		assertRefused(() -> migrator().upgrade("-1", false), Reason.WRONG_DIRECTION, "Use downgrade");
		assertRefused(() -> migrator().upgrade("base", false), Reason.WRONG_DIRECTION, "Use downgrade");
		assertRefused(() -> migrator().downgrade("head", false), Reason.WRONG_DIRECTION, "Use upgrade");
		assertRefused(() -> migrator().downgrade("+1", false), Reason.WRONG_DIRECTION, "Use upgrade");
		assertRefused(() -> migrator().upgrade("2020-01-01T00:00:00Z", false), Reason.NOT_APPLICABLE,
				"for downgrade only");
	}

	@Test
	void upgradeRunsEveryChangesetWithTheSchemaFirstAndGivesTheConnectionBackAsItWas() throws SQLException {
		try (Connection connection = database.connect()) {
			JdbcTemplate sameConnection = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			migrator(sameConnection.getDataSource(), MigrationSettings.of("classpath:db/searchpath/changelog.yaml"))
				.upgrade("head", false);
			// The session's path, so Liquibase had nothing of its own to set for a changeset.
			assertThat(database.jdbc()
				.queryForList("SELECT search_path FROM search_paths ORDER BY changeset", String.class))
				.containsExactly("\"public\", \"$user\", public", "\"public\", \"$user\", public");
			assertThat(sameConnection.queryForObject("SHOW search_path", String.class)).isEqualTo("\"$user\", public");
		}
	}

	@Test
	void relativeTargetsOutOfRangeAreRefused() {
		migrator().upgrade("+3", false);
		assertRefused(() -> migrator().upgrade("+12", false), Reason.OUT_OF_RANGE, "only 11 are pending");
		assertRefused(() -> migrator().downgrade("-4", false), Reason.OUT_OF_RANGE, "only 3 are applied");
		assertRefused(() -> migrator().upgrade("+999999999", false), Reason.OUT_OF_RANGE, "from 1 to 100000");
	}

	@Test
	void malformedTargetsAreRefused() {
		for (String target : List.of("", " ", "+", "-x", "+0", "+1.5", "--1")) {
			assertRefused(() -> migrator().upgrade(target, false), null, "");
		}
	}

	@Test
	void downgradeThroughAChangesetWithoutRollbackIsRefusedNamingIt() {
		migrator().upgrade("head", false);
		assertRefused(() -> migrator().downgrade("v3", false), Reason.NO_ROLLBACK,
				"changeset db/ops/004-reporting.yaml::customer-totals-view::reporting has no rollback");
		assertRefused(() -> migrator().downgrade("base", false), Reason.NO_ROLLBACK, "customer-totals-view");
	}

	@Test
	void downgradeThroughAChangesetMissingFromTheChangelogIsRefused() {
		migrator().upgrade("v1", false);
		database.jdbc().update("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, "
				+ "exectype) VALUES ('dropped', 'someone', 'db/ops/gone.yaml', now(), 99, 'EXECUTED')");
		assertRefused(() -> migrator().downgrade("-1", false), Reason.NO_ROLLBACK,
				"db/ops/gone.yaml::dropped::someone is applied but no longer in the changelog");
	}

	@Test
	void changelogThatFailsValidationIsRefused() {
		migrator().upgrade("v1", false);
		database.jdbc().update("UPDATE databasechangelog SET md5sum = '9:0123456789abcdef0123456789abcdef' "
				+ "WHERE id = 'create-customer'");
		assertRefused(() -> migrator().upgrade("head", false), Reason.INVALID_CHANGELOG,
				"The changelog fails validation");
		assertRefused(() -> migrator().downgrade("-1", false), Reason.INVALID_CHANGELOG, "create-customer");
	}

	/**
	 * Asserts the operation is refused with the reason and message, and that neither the
	 * schema nor the changelog table changed.
	 */
	private OperationRefusedException assertRefused(Runnable operation, Reason reason, String message) {
		List<String> dump = database.schemaDump("public");
		List<String> applied = database.appliedIds();
		List<String> rows = (applied.isEmpty()) ? List.of()
				: database.jdbc()
					.queryForList("SELECT id || coalesce(md5sum, '') || orderexecuted FROM databasechangelog "
							+ "ORDER BY orderexecuted", String.class);
		OperationRefusedException refusal = org.assertj.core.api.Assertions
			.catchThrowableOfType(OperationRefusedException.class, operation::run);
		assertThat(refusal).as("refusal").isNotNull();
		if (reason != null) {
			assertThat(refusal.getReason()).isEqualTo(reason);
		}
		assertThat(refusal).hasMessageContaining(message);
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).isEqualTo(applied);
		if (!rows.isEmpty()) {
			assertThat(database.jdbc()
				.queryForList("SELECT id || coalesce(md5sum, '') || orderexecuted FROM databasechangelog "
						+ "ORDER BY orderexecuted", String.class))
				.isEqualTo(rows);
		}
		return refusal;
	}

}

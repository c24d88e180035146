package dev.lockstep.test.roundtrip;

import java.util.Map;

import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.test.TestDatabase;
import dev.lockstep.test.roundtrip.ChangeSetRoundTrip.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The round trip on real changelogs: the operations test changelog of the
 * auto-configuration (from its test jar) passes where it has rollbacks, and deliberately
 * wrong rollbacks are caught and named with the difference they leave.
 */
class MigrationRoundTripTests {

	private static final String OPS = "classpath:db/ops/changelog.yaml";

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void everyChangesetOfTheOperationsChangelogRollsBackWithoutItsViewWhichHasNone() {
		RoundTripReport report = MigrationRoundTrip.of(database.dataSource(), withContexts(OPS, "test")).verify();
		assertThat(report.changeSets()).hasSize(13).allSatisfy((changeSet) -> assertThat(changeSet.outcome())
			.isEqualTo(Outcome.RESTORED));
		assertThat(report.changeSets()).first()
			.extracting(ChangeSetRoundTrip::changeSet)
			.isEqualTo("db/ops/001-customers.yaml::create-customer::lockstep");
		assertThat(report.headDifferences()).isEmpty();
		assertThat(database.appliedIds()).hasSize(13).last().isEqualTo("tag-v3");
	}

	@Test
	void aChangesetWithoutRollbackIsNamedAsSuch() {
		assertThatExceptionOfType(RoundTripFailure.class)
			.isThrownBy(() -> MigrationRoundTrip.of(database.dataSource(), OPS).verify())
			.satisfies((failure) -> {
				assertThat(failure.getReport().failures()).singleElement().satisfies((changeSet) -> {
					assertThat(changeSet.changeSet()).isEqualTo("db/ops/004-reporting.yaml::customer-totals-view::reporting");
					assertThat(changeSet.outcome()).isEqualTo(Outcome.NO_ROLLBACK);
				});
				assertThat(failure.getReport().headDifferences()).isEmpty();
			})
			.withMessageContaining("db/ops/004-reporting.yaml::customer-totals-view::reporting: has no rollback");
	}

	@Test
	void aRollbackThatDropsTheWrongColumnIsNamedWithWhatItLeft() {
		assertThatExceptionOfType(RoundTripFailure.class)
			.isThrownBy(() -> MigrationRoundTrip.of(database.dataSource(), "classpath:db/wrong-column/changelog.yaml")
				.verify())
			.satisfies((failure) -> assertThat(failure.getReport().failures()).singleElement()
				.satisfies((changeSet) -> {
					assertThat(changeSet.changeSet())
						.isEqualTo("db/wrong-column/changelog.yaml::add-customer-email::lockstep");
					assertThat(changeSet.outcome()).isEqualTo(Outcome.WRONG_ROLLBACK);
					assertThat(changeSet.differences()).anySatisfy((difference) -> assertThat(difference)
						.startsWith("missing column customer.name"))
						.anySatisfy((difference) -> assertThat(difference).startsWith("unexpected column customer.email"));
				}))
			.withMessageContaining("add-customer-email::lockstep: its rollback does not restore the schema")
			.withMessageContaining("missing column customer.name");
	}

	@Test
	void aRollbackThatForgetsAnIndexIsNamedWithTheIndex() {
		assertThatExceptionOfType(RoundTripFailure.class)
			.isThrownBy(() -> MigrationRoundTrip.of(database.dataSource(), "classpath:db/forgotten-index/changelog.yaml")
				.verify())
			.satisfies((failure) -> assertThat(failure.getReport().failures()).singleElement()
				.satisfies((changeSet) -> {
					assertThat(changeSet.changeSet())
						.isEqualTo("db/forgotten-index/changelog.yaml::index-name-add-phone::lockstep");
					assertThat(changeSet.outcome()).isEqualTo(Outcome.WRONG_ROLLBACK);
					assertThat(changeSet.differences()).containsExactly("unexpected index customer_name_idx on customer(name)");
				}))
			.withMessageContaining("unexpected index customer_name_idx on customer(name)");
	}

	@Test
	void aDatabaseThatIsNotEmptyIsRefused() {
		database.jdbc().execute("CREATE TABLE leftover (id int)");
		assertThatIllegalStateException()
			.isThrownBy(() -> MigrationRoundTrip.of(database.dataSource(), OPS).run())
			.withMessageContaining("starts from an empty database")
			.withMessageContaining("table leftover");
	}

	private static MigrationSettings withContexts(String changeLog, String contexts) {
		return new MigrationSettings(changeLog, contexts, null, Map.of(), null, null, null, null, null);
	}

}

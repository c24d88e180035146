package dev.lockstep.demo;

import dev.lockstep.test.TestDatabase;
import dev.lockstep.test.roundtrip.ChangeSetRoundTrip;
import dev.lockstep.test.roundtrip.MigrationRoundTrip;
import dev.lockstep.test.roundtrip.RoundTripReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every changeset of the demo's changelog rolls back to the schema it started from, and
 * applied again gives the same schema; the head equals a straight apply.
 */
class ChangelogRoundTripTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void everyChangesetRollsBackToTheSchemaItStartedFrom() {
		RoundTripReport report = MigrationRoundTrip
			.of(database.dataSource(), "classpath:db/changelog/db.changelog-master.yaml")
			.verify();
		assertThat(report.changeSets()).hasSize(10)
			.extracting(ChangeSetRoundTrip::outcome)
			.containsOnly(ChangeSetRoundTrip.Outcome.RESTORED);
	}

}

package dev.lockstep.engine;

import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transactional changeset's work and its changelog row are written by one transaction:
 * each changeset records the transaction it ran in, and its row in the changelog table
 * was created by the same one (Liquibase alone commits them in two).
 */
class ChangeSetCommitsTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void changesetAndItsRowCommitTogether() {
		MigratingApplication.start(database, "classpath:db/atomic/changelog.yaml").close();
		assertThat(database.jdbc()
			.queryForList("SELECT w.id FROM work w JOIN databasechangelog d ON d.id = w.id "
					+ "WHERE d.xmin::text::bigint = w.xid % 4294967296 ORDER BY w.id", String.class))
			.containsExactly("first", "second");
	}

}

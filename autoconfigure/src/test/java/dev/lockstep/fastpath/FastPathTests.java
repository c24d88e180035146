package dev.lockstep.fastpath;

import java.time.Duration;

import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.event.StartupMigrationResult;
import dev.lockstep.lock.LockListener;
import dev.lockstep.test.ClassDatabase;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path on PostgreSQL, where a state table of an earlier version exists.
 */
class FastPathTests extends AbstractFastPathTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Override
	protected ClassDatabase database() {
		return database;
	}

	@Override
	protected LockedLiquibaseRunner runner() {
		return PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(30), "fast-path-test", LockListener.NONE);
	}

	@Test
	void stateTableOfAnEarlierVersionGainsTheCurrentRevision() {
		database.jdbc().execute("ALTER TABLE lockstep_fast_path DROP COLUMN current_revision, DROP COLUMN current_tag");
		assertThat(start().fastPath()).isFalse();
		StartupMigrationResult result = start();
		assertThat(result.fastPath()).isTrue();
		assertThat(result.current().revision().id()).isEqualTo("m1");
	}

}

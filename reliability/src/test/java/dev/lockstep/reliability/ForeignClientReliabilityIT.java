package dev.lockstep.reliability;

import java.nio.file.Path;

import dev.lockstep.test.ClassDatabase;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain Liquibase and Lockstep on PostgreSQL.
 */
class ForeignClientReliabilityIT extends ForeignClientReliability {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Override
	protected ClassDatabase database() {
		return database;
	}

	@Override
	protected Changelogs journaled(Path directory, int count, double slowSeconds) {
		return Changelogs.journaled(directory, count, slowSeconds);
	}

}

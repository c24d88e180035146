package dev.lockstep.reliability;

import java.nio.file.Path;

import dev.lockstep.test.ClassDatabase;
import dev.lockstep.reliability.Changelogs.JournalSql;
import dev.lockstep.test.MariaDbTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain Liquibase and Lockstep on MariaDB (or MySQL), whose lock is {@code GET_LOCK}: never
 * a double run in either order, and a killed Lockstep's row freed by release-locks.
 */
class MariaDbForeignClientReliabilityIT extends ForeignClientReliability {

	@RegisterExtension
	static MariaDbTestDatabase database = MariaDbTestDatabase.emptyForEachTest();

	@Override
	protected ClassDatabase database() {
		return database;
	}

	@Override
	protected Changelogs journaled(Path directory, int count, double slowSeconds) {
		return Changelogs.journaled(directory, count, slowSeconds, JournalSql.MARIADB);
	}

}

package dev.lockstep.reliability;

import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the changelog table records against what the schema holds, for a
 * {@link Changelogs#mixed mixed} changelog: no changeset recorded without its effect, and
 * no transactional changeset in effect without its record.
 *
 * @param jdbc the database
 * @param changelog the changelog
 */
record SchemaState(JdbcTemplate jdbc, Changelogs changelog) {

	/**
	 * Return the ids the changelog table records, or none if it does not exist yet.
	 * @return the recorded ids
	 */
	Set<String> recorded() {
		if (!exists("databasechangelog")) {
			return Set.of();
		}
		return Set.copyOf(this.jdbc.queryForList("SELECT id FROM databasechangelog", String.class));
	}

	/**
	 * Return the indexes left INVALID, by a concurrent build that was cut midway.
	 * @return their names
	 */
	List<String> invalidIndexes() {
		return this.jdbc.queryForList("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
				+ "WHERE NOT i.indisvalid ORDER BY 1", String.class);
	}

	/**
	 * Assert that the record and the schema agree: a recorded changeset has its effect, a
	 * transactional one in effect is recorded and ran once. A {@code runInTransaction:
	 * false} changeset may have its effect unrecorded (a valid or INVALID index): it
	 * drops that and builds it again on the next run.
	 */
	void assertConsistent() {
		Set<String> recorded = recorded();
		for (String table : this.changelog.transactional()) {
			assertThat(exists(table)).as("table %s exists iff its changeset is recorded (recorded: %s)", table, recorded)
				.isEqualTo(recorded.contains(table));
			assertThat(journalRows(table)).as("journal rows of %s", table).isEqualTo(recorded.contains(table) ? 1 : 0);
		}
		for (String index : this.changelog.indexes()) {
			if (recorded.contains(index)) {
				assertThat(this.jdbc.queryForList("SELECT i.indisvalid FROM pg_index i JOIN pg_class c "
						+ "ON c.oid = i.indexrelid WHERE c.relname = ?", Boolean.class, index))
					.as("recorded index %s exists and is valid", index)
					.containsExactly(true);
			}
		}
		if (exists(Journal.TABLE)) {
			Journal.assertNoOverlap(new Journal(this.jdbc).entries());
		}
	}

	/**
	 * Assert that every changeset is recorded and in effect, with no index left invalid and
	 * Liquibase's lock row free.
	 */
	void assertComplete() {
		assertThat(recorded()).as("recorded changesets")
			.containsAll(this.changelog.transactional())
			.containsAll(this.changelog.indexes());
		assertConsistent();
		assertThat(invalidIndexes()).as("indexes left INVALID").isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT locked FROM databasechangeloglock", Boolean.class))
			.as("Liquibase's lock row is free")
			.isFalse();
	}

	private boolean exists(String table) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table));
	}

	private int journalRows(String changeset) {
		if (!exists(Journal.TABLE)) {
			return 0;
		}
		return this.jdbc.queryForObject("SELECT count(*) FROM " + Journal.TABLE + " WHERE changeset = ?", Integer.class,
				changeset);
	}

}

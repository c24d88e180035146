package dev.lockstep.reliability;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal table every generated changeset writes in its own statement: which
 * changeset, the backend that ran it, and when it started and ended. It proves what ran,
 * how often, and that no two runners overlapped.
 *
 * @param jdbc the database
 */
record Journal(JdbcTemplate jdbc) {

	static final String TABLE = "reliability_journal";

	/**
	 * Return the rows, ordered by start.
	 * @return the entries
	 */
	List<Entry> entries() {
		return this.jdbc.query("SELECT changeset, pid, started, ended FROM " + TABLE + " ORDER BY started, ended",
				(row, index) -> new Entry(row.getString(1), row.getInt(2), row.getTimestamp(3), row.getTimestamp(4)));
	}

	/**
	 * Assert that every given changeset ran exactly once, nothing else ran, and no two
	 * entries overlap in time.
	 * @param changesets the changesets expected
	 */
	void assertRanExactlyOnce(List<String> changesets) {
		List<Entry> entries = entries();
		Map<String, Long> counts = entries.stream()
			.collect(Collectors.groupingBy(Entry::changeset, Collectors.counting()));
		assertThat(counts).as("journal entries per changeset")
			.isEqualTo(changesets.stream().collect(Collectors.toMap(Function.identity(), (id) -> 1L)));
		assertNoOverlap(entries);
	}

	/**
	 * Assert that no two entries overlap in time: no two runners ran changesets at once.
	 * @param entries the entries, ordered by start
	 */
	static void assertNoOverlap(List<Entry> entries) {
		for (int i = 1; i < entries.size(); i++) {
			Entry previous = entries.get(i - 1);
			Entry next = entries.get(i);
			assertThat(next.started()).as("%s started before %s ended", next, previous)
				.isAfterOrEqualTo(previous.ended());
		}
	}

	/**
	 * One changeset's run.
	 *
	 * @param changeset its id
	 * @param pid the backend that ran it
	 * @param started when its transaction started
	 * @param ended when its statement ended
	 */
	record Entry(String changeset, int pid, Timestamp started, Timestamp ended) {

	}

}

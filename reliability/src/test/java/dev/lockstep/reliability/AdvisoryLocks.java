package dev.lockstep.reliability;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The advisory locks granted in the test's own database (pg_locks lists every database's:
 * other tests on the same server must not count, let alone be ended).
 */
final class AdvisoryLocks {

	/**
	 * Granted advisory locks in the current database, with their sessions' pids.
	 */
	static final String GRANTED = "SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
			+ "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

	private AdvisoryLocks() {
	}

	/**
	 * Return the sessions that hold an advisory lock in the database.
	 * @param jdbc the database
	 * @return their pids
	 */
	static List<Integer> holders(JdbcTemplate jdbc) {
		return jdbc.queryForList(GRANTED, Integer.class);
	}

}

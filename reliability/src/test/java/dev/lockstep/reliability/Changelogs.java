package dev.lockstep.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Changelogs the suite generates: every changeset writes one {@link Journal} row, so that
 * its own effect shows what ran. The journal's own changeset may run again (after a stamp
 * down to base, for one), so no operation on these changelogs can fail.
 *
 * @param location the changelog, as a {@code file:} location for
 * {@code spring.liquibase.change-log}
 * @param journaled the ids of the changesets that write a journal row, in order
 * @param transactional the ids of the changesets that create a table of their own name
 * in their transaction
 * @param indexes the ids of the {@code runInTransaction: false} changesets that build an
 * index of their own name concurrently
 */
record Changelogs(String location, List<String> journaled, List<String> transactional, List<String> indexes) {

	/**
	 * A changelog of journaled changesets, one of them slow; rolling one back writes a
	 * journal row of its own ({@link #UNDO}).
	 * @param directory where to write it
	 * @param count how many changesets besides the journal's
	 * @param slowSeconds how long the middle one sleeps (the others sleep 10 ms)
	 * @return the changelog
	 */
	static Changelogs journaled(Path directory, int count, double slowSeconds) {
		return journaled(directory, count, slowSeconds, JournalSql.POSTGRESQL);
	}

	/**
	 * A changelog of journaled changesets, as {@link #journaled(Path, int, double)}, in the
	 * SQL of the given server.
	 * @param directory where to write it
	 * @param count how many changesets besides the journal's
	 * @param slowSeconds how long the middle one sleeps (the others sleep 10 ms)
	 * @param sql the server's SQL for the journal
	 * @return the changelog
	 */
	static Changelogs journaled(Path directory, int count, double slowSeconds, JournalSql sql) {
		StringBuilder yaml = new StringBuilder("databaseChangeLog:\n").append(journalChangeSet(sql));
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String id = "cs-%03d".formatted(i);
			ids.add(id);
			yaml.append(changeSet(id, true, sql.row(id, (i == count / 2) ? slowSeconds : 0.01)))
				.append(rollback(sql.row(UNDO + id, 0.01)));
		}
		return new Changelogs(write(directory, yaml), ids, ids, List.of());
	}

	private static String journalChangeSet(JournalSql sql) {
		return """
				  - changeSet:
				      id: journal
				      author: reliability
				      logicalFilePath: reliability/changelog.yaml
				      changes:
				        - sql:
				            sql: %s
				""".formatted(sql.createTable());
	}

	/**
	 * A changelog that mixes transactional changesets (a table each, and a journal row)
	 * with {@code runInTransaction: false} ones that build an index concurrently on a
	 * table of {@code rows} rows, dropping first what a cut build left behind.
	 * @param directory where to write it
	 * @param count how many changesets besides the journal's and the big table's
	 * @param rows rows in the indexed table
	 * @return the changelog
	 */
	static Changelogs mixed(Path directory, int count, int rows) {
		StringBuilder yaml = new StringBuilder("databaseChangeLog:\n").append(journalChangeSet(JournalSql.POSTGRESQL));
		yaml.append(changeSet("big", true, "CREATE TABLE big (id int PRIMARY KEY, v int, w text); "
				+ "INSERT INTO big SELECT g, g % 1000, md5(g::text) FROM generate_series(1, " + rows + ") g"));
		List<String> tables = new ArrayList<>();
		List<String> indexes = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			if (i % 3 == 0) {
				String id = "idx_%03d".formatted(i);
				indexes.add(id);
				yaml.append(changeSet(id, false, "DROP INDEX CONCURRENTLY IF EXISTS " + id + "; CREATE INDEX CONCURRENTLY "
						+ id + " ON big (v, w)"));
			}
			else {
				String id = "t_%03d".formatted(i);
				tables.add(id);
				yaml.append(changeSet(id, true, "CREATE TABLE " + id + " (id int); " + journalRow(id, 0.15)));
			}
		}
		return new Changelogs(write(directory, yaml), tables, tables, indexes);
	}

	/**
	 * The prefix of the journal rows a rollback writes: the journal is never deleted from,
	 * so it holds every run in either direction.
	 */
	static final String UNDO = "undo:";

	/**
	 * The statement that writes a changeset's journal row, after a sleep.
	 */
	static String journalRow(String id, double sleepSeconds) {
		return JournalSql.POSTGRESQL.row(id, sleepSeconds);
	}

	private static String changeSet(String id, boolean inTransaction, String sql) {
		return """
				  - changeSet:
				      id: %s
				      author: reliability
				      logicalFilePath: reliability/changelog.yaml
				      runInTransaction: %s
				      changes:
				        - sql:
				            sql: "%s"
				""".formatted(id, inTransaction, sql);
	}

	private static String rollback(String sql) {
		return """
				      rollback:
				        - sql:
				            sql: "%s"
				""".formatted(sql);
	}

	private static String write(Path directory, CharSequence yaml) {
		try {
			Files.createDirectories(directory);
			Path file = directory.resolve("changelog.yaml");
			Files.writeString(file, yaml);
			return "file:" + file.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The journal's SQL on each server: its table, and the statement that writes a
	 * changeset's row after a sleep (the session that ran it, when its transaction or
	 * statement started, and when it ended).
	 */
	enum JournalSql {

		POSTGRESQL("CREATE TABLE IF NOT EXISTS %s (changeset text NOT NULL, pid int NOT NULL, "
				+ "started timestamptz NOT NULL, ended timestamptz NOT NULL)",
				"INSERT INTO %s SELECT '%s', pg_backend_pid(), now(), clock_timestamp() FROM pg_sleep(%s)"),

		MARIADB("CREATE TABLE IF NOT EXISTS %s (changeset varchar(100) NOT NULL, pid int NOT NULL, "
				+ "started datetime(6) NOT NULL, ended datetime(6) NOT NULL)",
				"INSERT INTO %s SELECT '%s', CONNECTION_ID(), NOW(6), SYSDATE(6) FROM (SELECT SLEEP(%s)) slept");

		private final String createTable;

		private final String row;

		JournalSql(String createTable, String row) {
			this.createTable = createTable;
			this.row = row;
		}

		String createTable() {
			return this.createTable.formatted(Journal.TABLE);
		}

		String row(String id, double sleepSeconds) {
			return this.row.formatted(Journal.TABLE, id, sleepSeconds);
		}

	}

}

package dev.lockstep.engine;

import java.util.ArrayList;
import java.util.List;

import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The changes of the running changeset that ran, and the one that was running, so that a
 * changeset that fails where the database cannot roll it back can name the statements
 * that may have stayed applied. Their SQL is generated only then.
 */
final class RanStatements {

	private static final Log logger = LogFactory.getLog(RanStatements.class);

	/** At most this many statements are named. */
	static final int LIMIT = 10;

	/** Longest text of one statement in the list. */
	private static final int MAX_LENGTH = 200;

	private final List<Change> ran = new ArrayList<>();

	private @Nullable Change running;

	/**
	 * Forget the changes of the changeset before: a new one starts.
	 */
	void changeSetStarts() {
		this.ran.clear();
		this.running = null;
	}

	/**
	 * Note the change that starts to run.
	 * @param change the change
	 */
	void changeStarts(Change change) {
		this.running = change;
	}

	/**
	 * Note the change that ran to its end.
	 * @param change the change
	 */
	void changeRan(Change change) {
		this.ran.add(change);
		this.running = null;
	}

	/**
	 * Return the statements that may have run before the failure: those of every change
	 * that ran, and those of the failed change but its last (the last is the one that
	 * failed, or a statement after it). At most {@value #LIMIT}, each shortened to 200
	 * characters; a last line says how many more there were.
	 * @param database the database, to generate the statements' SQL for
	 * @return the statements, in the order they ran
	 */
	List<String> mayHaveRun(Database database) {
		List<String> statements = new ArrayList<>();
		for (Change change : this.ran) {
			statements.addAll(sql(change, database));
		}
		if (this.running != null) {
			List<String> failed = sql(this.running, database);
			statements.addAll(failed.subList(0, Math.max(0, failed.size() - 1)));
		}
		if (statements.size() <= LIMIT) {
			return statements.stream().map(RanStatements::shortened).toList();
		}
		List<String> named = new ArrayList<>(statements.subList(0, LIMIT).stream().map(RanStatements::shortened).toList());
		named.add("… and " + (statements.size() - LIMIT) + " more");
		return named;
	}

	private static List<String> sql(Change change, Database database) {
		try {
			List<String> statements = new ArrayList<>();
			for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(change, database)) {
				statements.add(sql.toSql());
			}
			return statements;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not generate the SQL of " + change.getDescription(), ex);
			return List.of(change.getDescription());
		}
	}

	private static String shortened(String statement) {
		String oneLine = statement.strip().replaceAll("\\s+", " ");
		return (oneLine.length() <= MAX_LENGTH) ? oneLine : oneLine.substring(0, MAX_LENGTH - 1) + "…";
	}

}

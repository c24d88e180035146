package dev.lockstep.fastpath;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One database family's SQL for the fast path: the summary of the changelog table, the
 * current revision, and the table that keeps the state of the last complete run. Table
 * names come schema-qualified and are plain identifiers.
 * <p>
 * The state table has the columns {@code lock_name} (its key), {@code inputs_digest},
 * {@code manifest}, {@code changelog_summary}, {@code liquibase_version},
 * {@code current_revision}, {@code current_tag} and {@code updated_at}.
 */
public interface FastPathDialect {

	/**
	 * Return whether this dialect serves the given connection.
	 * @param connection the connection, possibly wrapped by a pool or a proxy
	 * @return whether it is one of this dialect's database family
	 * @throws SQLException on a database error
	 */
	boolean supports(Connection connection) throws SQLException;

	/**
	 * Return a scalar subquery that summarizes the changelog table as text: any change to
	 * any row (a rollback, a stamp, a hand edit, a reordering) changes it. It must not
	 * sort or concatenate the whole table.
	 * @param changelogTable the changelog table
	 * @return the subquery, in parentheses
	 */
	String summary(String changelogTable);

	/**
	 * Return the select-list items {@code current} (the last applied changeset's file
	 * name, id and author, joined by {@code separator}) and {@code current_tag} (the
	 * newest tag at or below it), each {@code null} where there is none.
	 * @param changelogTable the changelog table
	 * @param separator what joins the parts of {@code current}
	 * @return the select-list items
	 */
	String currentRevision(String changelogTable, String separator);

	/**
	 * Return a query whose one row's one column tells whether a table exists.
	 * @param table the table
	 * @return the query
	 */
	String tableExists(String table);

	/**
	 * Return the statements that create the state table if it does not exist, and add to
	 * it what an earlier version created it without.
	 * @param stateTable the state table
	 * @return the statements, in order
	 */
	List<String> createStateTable(String stateTable);

	/**
	 * Return the statement that inserts or replaces the state of one lock name, with the
	 * parameters {@code lock_name}, {@code inputs_digest}, {@code manifest},
	 * {@code changelog_summary}, {@code liquibase_version}, {@code current_revision} and
	 * {@code current_tag} in that order; {@code updated_at} is the server's time.
	 * @param stateTable the state table
	 * @return the statement
	 */
	String upsertState(String stateTable);

}

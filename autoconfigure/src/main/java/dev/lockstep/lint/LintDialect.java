package dev.lockstep.lint;

import java.util.List;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * One database family's part of the lint: its rules, and how its statements are read.
 */
public interface LintDialect {

	/**
	 * Return whether this dialect checks the SQL of the given database.
	 * @param database the database, as Liquibase names its kind
	 * @return whether it does
	 */
	boolean supports(String database);

	/**
	 * Return the rules, in the order they check each statement.
	 * @return the rules
	 */
	List<LintRule> rules();

	/**
	 * Read a statement.
	 * @param sql the statement
	 * @return what was read, and whether a trailing {@code NOT VALID} was taken off
	 * @throws JSQLParserException if the parser cannot read it
	 */
	default Parsed parse(String sql) throws JSQLParserException {
		return new Parsed(CCJSqlParserUtil.parse(sql), false);
	}

	/**
	 * A statement as the dialect read it.
	 *
	 * @param statement what the parser read
	 * @param notValid whether a trailing {@code NOT VALID} was taken off first
	 */
	record Parsed(net.sf.jsqlparser.statement.Statement statement, boolean notValid) {

	}

}

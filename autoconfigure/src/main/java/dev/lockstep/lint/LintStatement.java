package dev.lockstep.lint;

import dev.lockstep.engine.ChangeSetSql;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

/**
 * A statement of a changeset, as the parser read it.
 *
 * @param changeSet the changeset it belongs to
 * @param sql the statement as Liquibase generates it
 * @param parsed what the parser read
 * @param notValid whether the statement ends with a {@code NOT VALID} clause that the
 * dialect took off before parsing (the parser does not read it)
 */
public record LintStatement(ChangeSetSql changeSet, String sql, Statement parsed, boolean notValid) {

	/**
	 * Return a table's name as the scope compares names: unquoted, lower case, without
	 * its schema.
	 * @param table the table
	 * @return its name
	 */
	public static String nameOf(Table table) {
		String name = table.getName();
		if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
			return name.substring(1, name.length() - 1);
		}
		return name.toLowerCase(java.util.Locale.ROOT);
	}

}

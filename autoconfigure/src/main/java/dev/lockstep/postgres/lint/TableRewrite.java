package dev.lockstep.postgres.lint;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterExpression.ColumnDataType;
import net.sf.jsqlparser.statement.alter.AlterOperation;

/**
 * {@code table-rewrite}: an {@code ALTER TABLE} that rewrites the whole table under an
 * ACCESS EXCLUSIVE lock: a column added with a volatile default, a serial type or a stored
 * generated value, or a column's type changed.
 */
final class TableRewrite implements LintRule {

	private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
			"uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "statement_timestamp");

	private static final Set<String> SERIAL_TYPES = Set.of("serial", "serial2", "serial4", "serial8", "smallserial",
			"bigserial");

	@Override
	public String id() {
		return "table-rewrite";
	}

	@Override
	public String why() {
		return "The statement rewrites every row of the table under an ACCESS EXCLUSIVE lock: no query can read or "
				+ "write the table until it ends.";
	}

	@Override
	public String safeRewrite() {
		return "Add the column without a default (or with a constant one), then fill it in batches; for a new type, "
				+ "add a column of that type, copy into it in batches, and switch over in a later release.";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		for (AlterExpression expression : AlterTables.onExistingTable(statement, scope)) {
			List<ColumnDataType> columns = expression.getColDataTypeList();
			if (columns == null) {
				continue;
			}
			for (ColumnDataType column : columns) {
				if (expression.getOperation() == AlterOperation.ALTER && column.getColDataType() != null) {
					return true;
				}
				if (expression.getOperation() == AlterOperation.ADD && rewritesOnAdd(column)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean rewritesOnAdd(ColumnDataType column) {
		if (column.getColDataType() != null
				&& SERIAL_TYPES.contains(column.getColDataType().getDataType().toLowerCase(Locale.ROOT))) {
			return true;
		}
		List<String> specs = (column.getColumnSpecs() != null) ? column.getColumnSpecs() : List.of();
		for (int i = 0; i < specs.size(); i++) {
			String spec = specs.get(i).toUpperCase(Locale.ROOT);
			if (spec.equals("STORED")) {
				return true;
			}
			if (spec.equals("DEFAULT") && i + 1 < specs.size() && isVolatileCall(specs.get(i + 1))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isVolatileCall(String expression) {
		int parenthesis = expression.indexOf('(');
		if (parenthesis < 0) {
			return false;
		}
		String function = expression.substring(0, parenthesis).strip().toLowerCase(Locale.ROOT);
		int dot = function.lastIndexOf('.');
		return VOLATILE_FUNCTIONS.contains((dot >= 0) ? function.substring(dot + 1) : function);
	}

}

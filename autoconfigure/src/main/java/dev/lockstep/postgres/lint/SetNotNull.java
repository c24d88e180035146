package dev.lockstep.postgres.lint;

import java.util.Locale;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterExpression.ColumnSetNotNull;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;

/**
 * {@code set-not-null}: {@code ALTER COLUMN ... SET NOT NULL} on an existing table, unless
 * a validated check constraint {@code (column IS NOT NULL)} proves it first (PostgreSQL 12
 * and later then skip the scan).
 */
final class SetNotNull implements LintRule {

	private static final String VALIDATE_CONSTRAINT = "VALIDATE CONSTRAINT ";

	@Override
	public String id() {
		return "set-not-null";
	}

	@Override
	public String why() {
		return "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock: no query can read or write the "
				+ "table until it ends.";
	}

	@Override
	public String safeRewrite() {
		return "ADD CONSTRAINT name CHECK (column IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT name, then SET NOT "
				+ "NULL (which then needs no scan), then drop the check.";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		for (AlterExpression expression : AlterTables.onExistingTable(statement, scope)) {
			if (expression.getColumnSetNotNullList() != null) {
				for (ColumnSetNotNull column : expression.getColumnSetNotNullList()) {
					if (!scope.knows(validated(statement, name(column.getColumnName())))) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * Note a {@code CHECK (column IS NOT NULL)} as it is added, and as it is validated.
	 */
	@Override
	public void observe(LintStatement statement, LintScope scope) {
		if (!(statement.parsed() instanceof Alter alter) || alter.getAlterExpressions() == null) {
			return;
		}
		for (AlterExpression expression : alter.getAlterExpressions()) {
			if (expression.getOperation() == AlterOperation.ADD && expression.getIndex() instanceof CheckConstraint check
					&& check.getExpression() instanceof IsNullExpression isNull && isNull.isNot()
					&& isNull.getLeftExpression() instanceof Column column) {
				scope.remember(checked(statement, name(check.getName())) + name(column.getColumnName()));
			}
			String specifier = expression.getOptionalSpecifier();
			if (specifier != null && specifier.toUpperCase(Locale.ROOT).startsWith(VALIDATE_CONSTRAINT)) {
				String constraint = name(specifier.substring(VALIDATE_CONSTRAINT.length()));
				scope.rememberedAfter(checked(statement, constraint))
					.forEach((checkedColumn) -> scope.remember(validated(statement, checkedColumn)));
			}
		}
	}

	private static String checked(LintStatement statement, String constraint) {
		return "not-null check " + table(statement) + "." + constraint + ":";
	}

	private static String validated(LintStatement statement, String column) {
		return "validated not-null " + table(statement) + "." + column;
	}

	private static String table(LintStatement statement) {
		return LintStatement.nameOf(((Alter) statement.parsed()).getTable());
	}

	private static String name(String name) {
		String plain = name.strip();
		return (plain.startsWith("\"") && plain.endsWith("\"")) ? plain.substring(1, plain.length() - 1)
				: plain.toLowerCase(Locale.ROOT);
	}

}

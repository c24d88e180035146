package dev.lockstep.postgres.lint;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;

/**
 * {@code constraint-not-valid}: a foreign key or a check constraint added to an existing
 * table without {@code NOT VALID}.
 */
final class ConstraintNotValid implements LintRule {

	@Override
	public String id() {
		return "constraint-not-valid";
	}

	@Override
	public String why() {
		return "Adding the constraint scans the whole table to check every row while it holds a lock that blocks "
				+ "writes (and, for a foreign key, writes to the referenced table too).";
	}

	@Override
	public String safeRewrite() {
		return "Add it NOT VALID (checks new rows only, at once), then ALTER TABLE ... VALIDATE CONSTRAINT in a "
				+ "later statement: the validation scans without blocking writes.";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		if (statement.notValid()) {
			return false;
		}
		for (AlterExpression expression : AlterTables.onExistingTable(statement, scope)) {
			if (expression.getOperation() == AlterOperation.ADD && (expression.getIndex() instanceof ForeignKeyIndex
					|| expression.getIndex() instanceof CheckConstraint || expression.getFkColumns() != null)) {
				return true;
			}
		}
		return false;
	}

}

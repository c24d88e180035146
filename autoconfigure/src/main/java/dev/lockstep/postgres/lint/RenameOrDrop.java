package dev.lockstep.postgres.lint;

import java.util.Set;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * {@code rename-or-drop}: a table or a column renamed or dropped. Acknowledged by the
 * changeset label {@code contract}, for the step that removes what no running version
 * uses any more.
 */
final class RenameOrDrop implements LintRule {

	private static final Set<AlterOperation> RENAMES = Set.of(AlterOperation.RENAME, AlterOperation.RENAME_TABLE);

	@Override
	public String id() {
		return "rename-or-drop";
	}

	@Override
	public String why() {
		return "During a rolling deployment the instances of the previous version still run, and their queries "
				+ "fail on a table or column that is renamed or gone.";
	}

	@Override
	public String safeRewrite() {
		return "Expand and contract: add the new name and write to both, deploy, move reads over, and drop the old "
				+ "one in a later release's changeset labelled contract.";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		if (statement.parsed() instanceof Drop drop) {
			return "TABLE".equalsIgnoreCase(drop.getType()) && !scope.isNewTable(LintStatement.nameOf(drop.getName()));
		}
		if (statement.parsed() instanceof Alter alter && alter.getAlterExpressions() != null
				&& !scope.isNewTable(LintStatement.nameOf(alter.getTable()))) {
			for (AlterExpression expression : alter.getAlterExpressions()) {
				AlterOperation operation = expression.getOperation();
				if (RENAMES.contains(operation)
						|| (operation == AlterOperation.DROP && expression.getColumnName() != null)) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public Set<String> acknowledgingLabels() {
		return Set.of("contract");
	}

}

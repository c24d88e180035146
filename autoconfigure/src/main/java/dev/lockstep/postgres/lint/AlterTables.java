package dev.lockstep.postgres.lint;

import java.util.List;

import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;

/**
 * The parts of an {@code ALTER TABLE} on a table that existed before the checked
 * changesets: a table they create holds no rows yet and no running code uses it.
 */
final class AlterTables {

	private AlterTables() {
	}

	static List<AlterExpression> onExistingTable(LintStatement statement, LintScope scope) {
		if (statement.parsed() instanceof Alter alter && alter.getAlterExpressions() != null
				&& !scope.isNewTable(LintStatement.nameOf(alter.getTable()))) {
			return alter.getAlterExpressions();
		}
		return List.of();
	}

}

package dev.lockstep.postgres.lint;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;

/**
 * {@code index-not-concurrent}: {@code CREATE INDEX} without {@code CONCURRENTLY} on a
 * table that already exists.
 */
final class IndexNotConcurrent implements LintRule {

	@Override
	public String id() {
		return "index-not-concurrent";
	}

	@Override
	public String why() {
		return "CREATE INDEX holds a SHARE lock on the table while it builds the index: every write to the table "
				+ "waits until the build ends, for minutes on a large table.";
	}

	@Override
	public String safeRewrite() {
		return "CREATE INDEX CONCURRENTLY, in a changeset of its own with runInTransaction: false (drop an invalid "
				+ "index left by a failed build first: DROP INDEX CONCURRENTLY IF EXISTS).";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		return statement.parsed() instanceof CreateIndex index && !index.isConcurrently()
				&& !scope.isNewTable(LintStatement.nameOf(index.getTable()));
	}

}

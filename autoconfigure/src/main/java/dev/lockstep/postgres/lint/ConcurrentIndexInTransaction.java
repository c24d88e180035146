package dev.lockstep.postgres.lint;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;

/**
 * {@code concurrent-index-in-transaction}: {@code CREATE INDEX CONCURRENTLY} in a
 * changeset that runs in a transaction.
 */
final class ConcurrentIndexInTransaction implements LintRule {

	@Override
	public String id() {
		return "concurrent-index-in-transaction";
	}

	@Override
	public String why() {
		return "PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block: the changeset fails.";
	}

	@Override
	public String safeRewrite() {
		return "Set runInTransaction: false on the changeset, and keep the index alone in it.";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		return statement.parsed() instanceof CreateIndex index && index.isConcurrently()
				&& statement.changeSet().runInTransaction();
	}

}

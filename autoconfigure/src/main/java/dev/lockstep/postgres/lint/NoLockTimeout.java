package dev.lockstep.postgres.lint;

import java.util.Locale;

import dev.lockstep.lint.LintRule;
import dev.lockstep.lint.LintScope;
import dev.lockstep.lint.LintStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;

/**
 * {@code lock-timeout}: a statement that takes a table lock with no {@code lock_timeout}
 * in force, neither Lockstep's ({@code lockstep.ddl.lock-timeout}) nor one the
 * changesets set before it.
 */
final class NoLockTimeout implements LintRule {

	private static final String LOCK_TIMEOUT = "lock_timeout";

	@Override
	public String id() {
		return "lock-timeout";
	}

	@Override
	public String why() {
		return "A statement that waits for its table lock behind a long transaction makes every later query on "
				+ "the table wait behind it: the application stalls for as long as the transaction runs.";
	}

	@Override
	public String safeRewrite() {
		return "Keep lockstep.ddl.lock-timeout set (Lockstep then retries the changeset), or SET lock_timeout "
				+ "before the statement.";
	}

	@Override
	public boolean trips(LintStatement statement, LintScope scope) {
		return takesTableLock(statement.parsed()) && !scope.lockTimeoutInForce();
	}

	@Override
	public void observe(LintStatement statement, LintScope scope) {
		if (statement.parsed() instanceof SetStatement set && set.getName() != null
				&& LOCK_TIMEOUT.equalsIgnoreCase(set.getName().toString())) {
			String value = set.getExpressions().toString().replace("'", "").strip().toLowerCase(Locale.ROOT);
			scope.lockTimeoutSet(!value.equals("0") && !value.equals("default"));
		}
	}

	private static boolean takesTableLock(Statement statement) {
		return statement instanceof Alter || statement instanceof Drop || statement instanceof Truncate
				|| (statement instanceof CreateIndex index && !index.isConcurrently());
	}

}

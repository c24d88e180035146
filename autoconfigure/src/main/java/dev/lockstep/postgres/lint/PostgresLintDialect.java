package dev.lockstep.postgres.lint;

import java.util.List;
import java.util.Locale;

import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.LintRule;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * PostgreSQL's rules, and its statements as the parser reads them. The parser does not
 * know PostgreSQL's {@code NOT VALID} at the end of {@code ALTER TABLE ... ADD CONSTRAINT}:
 * the dialect takes those two words off the end and tells the rules.
 */
public final class PostgresLintDialect implements LintDialect {

	private static final String NOT_VALID = "NOT VALID";

	private final List<LintRule> rules = List.of(new IndexNotConcurrent(), new ConcurrentIndexInTransaction(),
			new TableRewrite(), new ConstraintNotValid(), new SetNotNull(), new RenameOrDrop(), new NoLockTimeout());

	@Override
	public boolean supports(String database) {
		return "postgresql".equals(database);
	}

	@Override
	public List<LintRule> rules() {
		return this.rules;
	}

	@Override
	public Parsed parse(String sql) throws JSQLParserException {
		String statement = sql.strip();
		if (statement.endsWith(";")) {
			statement = statement.substring(0, statement.length() - 1).stripTrailing();
		}
		boolean notValid = statement.toUpperCase(Locale.ROOT).endsWith(" " + NOT_VALID);
		if (notValid) {
			statement = statement.substring(0, statement.length() - NOT_VALID.length()).stripTrailing();
		}
		return new Parsed(CCJSqlParserUtil.parse(statement), notValid);
	}

}

package dev.lockstep.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.lockstep.engine.ChangeSetSql;
import dev.lockstep.engine.ChangelogSql;
import dev.lockstep.engine.Migrator;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import org.jspecify.annotations.Nullable;

/**
 * Checks the SQL Liquibase would run for each pending changeset (or for the whole
 * changelog) against the rules of the connected database. A statement the parser cannot
 * read is reported as {@link LintFinding#UNCHECKED}, never passed. A changeset
 * acknowledges findings it means with a {@code lint-ack:} marker in its comment
 * ({@code lint-ack: table-rewrite, lock-timeout}), or with a label its rule documents;
 * rules listed to skip are not checked at all.
 */
public final class MigrationLint {

	/**
	 * The marker in a changeset's comment that precedes the ids of the rules it
	 * acknowledges.
	 */
	public static final String ACKNOWLEDGE_MARKER = "lint-ack:";

	private static final String UNCHECKED_WHY = "The SQL parser cannot read this statement, so no rule checked it.";

	private static final String UNCHECKED_REWRITE = "Review it by hand, then acknowledge it in the changeset's "
			+ "comment (" + ACKNOWLEDGE_MARKER + " " + LintFinding.UNCHECKED + ").";

	private final List<LintDialect> dialects;

	private final Set<String> skipped;

	private final boolean lockTimeoutInForce;

	/**
	 * Create a new instance.
	 * @param dialects the dialects, of which the first that supports the database checks it
	 * @param skipped the ids of rules not to check
	 * @param lockTimeoutInForce whether Lockstep runs migrations with a lock timeout
	 */
	public MigrationLint(List<? extends LintDialect> dialects, Set<String> skipped, boolean lockTimeoutInForce) {
		this.dialects = List.copyOf(dialects);
		this.skipped = Set.copyOf(skipped);
		this.lockTimeoutInForce = lockTimeoutInForce;
	}

	/**
	 * Lint what the migrator would apply.
	 * @param migrator the migrator
	 * @param wholeChangelog whether to check every changeset, applied or not, rather than
	 * the pending ones
	 * @return what was found
	 */
	public LintReport lint(Migrator migrator, boolean wholeChangelog) {
		return lint(migrator.changeSetSql(wholeChangelog));
	}

	/**
	 * Lint the SQL of a changelog.
	 * @param changelog the changesets' SQL
	 * @return what was found; nothing for a database no dialect supports
	 */
	public LintReport lint(ChangelogSql changelog) {
		LintDialect dialect = dialect(changelog.database());
		List<LintFinding> findings = new ArrayList<>();
		int statements = 0;
		LintScope scope = new LintScope(this.lockTimeoutInForce);
		for (ChangeSetSql changeSet : changelog.changeSets()) {
			Set<String> acknowledged = acknowledged(changeSet, dialect);
			if (changeSet.failure() != null) {
				add(findings, acknowledged, unchecked(changeSet, "(its SQL could not be generated: "
						+ changeSet.failure() + ")"));
			}
			for (String sql : changeSet.statements()) {
				statements++;
				if (dialect != null) {
					check(dialect, changeSet, sql, scope, acknowledged, findings);
				}
			}
		}
		return new LintReport(changelog.database(), changelog.changeSets().size(), statements, findings);
	}

	private void check(LintDialect dialect, ChangeSetSql changeSet, String sql, LintScope scope,
			Set<String> acknowledged, List<LintFinding> findings) {
		LintDialect.Parsed parsed;
		try {
			parsed = dialect.parse(sql);
		}
		catch (JSQLParserException | RuntimeException ex) {
			add(findings, acknowledged, unchecked(changeSet, sql));
			return;
		}
		LintStatement statement = new LintStatement(changeSet, sql, parsed.statement(), parsed.notValid());
		for (LintRule rule : dialect.rules()) {
			if (!this.skipped.contains(rule.id()) && rule.trips(statement, scope)) {
				add(findings, acknowledged,
						new LintFinding(changeSet.changeSet(), sql, rule.id(), rule.why(), rule.safeRewrite()));
			}
		}
		for (LintRule rule : dialect.rules()) {
			rule.observe(statement, scope);
		}
		if (parsed.statement() instanceof CreateTable created) {
			scope.tableCreated(LintStatement.nameOf(created.getTable()));
		}
	}

	private void add(List<LintFinding> findings, Set<String> acknowledged, LintFinding finding) {
		if (!acknowledged.contains(finding.rule()) && !this.skipped.contains(finding.rule())) {
			findings.add(finding);
		}
	}

	private static LintFinding unchecked(ChangeSetSql changeSet, String sql) {
		return new LintFinding(changeSet.changeSet(), sql, LintFinding.UNCHECKED, UNCHECKED_WHY, UNCHECKED_REWRITE);
	}

	private @Nullable LintDialect dialect(String database) {
		return this.dialects.stream().filter((dialect) -> dialect.supports(database)).findFirst().orElse(null);
	}

	/**
	 * Return the ids of the rules a changeset acknowledges: those after the marker in its
	 * comment, and those whose acknowledging labels it carries.
	 */
	private static Set<String> acknowledged(ChangeSetSql changeSet, @Nullable LintDialect dialect) {
		Set<String> acknowledged = new HashSet<>();
		String comment = changeSet.comment();
		if (comment != null) {
			int marker = comment.toLowerCase(Locale.ROOT).indexOf(ACKNOWLEDGE_MARKER);
			if (marker >= 0) {
				String ids = comment.substring(marker + ACKNOWLEDGE_MARKER.length()).lines().findFirst().orElse("");
				for (String id : ids.split("[,\\s]+")) {
					if (!id.isBlank()) {
						acknowledged.add(id.strip().toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		if (dialect != null) {
			for (LintRule rule : dialect.rules()) {
				if (rule.acknowledgingLabels().stream().anyMatch(changeSet.labels()::contains)) {
					acknowledged.add(rule.id());
				}
			}
		}
		return acknowledged;
	}

}

package dev.lockstep.lint;

/**
 * A statement a rule found risky.
 *
 * @param changeSet the changeset, as {@code path::id::author}
 * @param statement the statement, as Liquibase generates it
 * @param rule the rule's id
 * @param why why the statement is risky
 * @param safeRewrite the safe way to write it
 */
public record LintFinding(String changeSet, String statement, String rule, String why, String safeRewrite) {

	/**
	 * The id of the finding for a statement the parser cannot read: it is reported, never
	 * passed.
	 */
	public static final String UNCHECKED = "unchecked";

}

package dev.lockstep.lint;

import java.util.Set;

/**
 * One check of a statement, with a documented id.
 */
public interface LintRule {

	/**
	 * Return the rule's id, as findings, acknowledgements and {@code lockstep.lint.skip}
	 * name it.
	 * @return the id
	 */
	String id();

	/**
	 * Return why a statement that trips the rule is risky.
	 * @return one or two sentences
	 */
	String why();

	/**
	 * Return the safe way to write it.
	 * @return one or two sentences
	 */
	String safeRewrite();

	/**
	 * Return whether the statement trips the rule.
	 * @param statement the statement
	 * @param scope what the statements before it did
	 * @return whether it does
	 */
	boolean trips(LintStatement statement, LintScope scope);

	/**
	 * Note what the statement does for the statements after it; called for every statement,
	 * after every rule has checked it.
	 * @param statement the statement
	 * @param scope where to note it
	 */
	default void observe(LintStatement statement, LintScope scope) {
	}

	/**
	 * Return the changeset labels that mark a finding of this rule as deliberate.
	 * @return the labels, none by default
	 */
	default Set<String> acknowledgingLabels() {
		return Set.of();
	}

}

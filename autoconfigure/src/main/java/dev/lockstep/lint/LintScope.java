package dev.lockstep.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the statements checked so far did, for the rules of the statements after them:
 * the tables they created (new tables hold no rows and no other session uses them), and
 * facts the rules noted.
 */
public final class LintScope {

	private final Set<String> createdTables = new HashSet<>();

	private final Set<String> facts = new HashSet<>();

	private boolean lockTimeoutInForce;

	LintScope(boolean lockTimeoutInForce) {
		this.lockTimeoutInForce = lockTimeoutInForce;
	}

	/**
	 * Return whether a statement checked before created the table.
	 * @param table the table's name, as {@link LintStatement#nameOf} gives it
	 * @return whether the table is new
	 */
	public boolean isNewTable(String table) {
		return this.createdTables.contains(table);
	}

	void tableCreated(String table) {
		this.createdTables.add(table);
	}

	/**
	 * Note a fact for the statements after this one.
	 * @param fact the fact, in words of the rule that notes it
	 */
	public void remember(String fact) {
		this.facts.add(fact);
	}

	/**
	 * Return whether a statement before this one noted the fact.
	 * @param fact the fact
	 * @return whether it was noted
	 */
	public boolean knows(String fact) {
		return this.facts.contains(fact);
	}

	/**
	 * Return what follows the prefix in the facts noted that start with it.
	 * @param prefix the start of the facts
	 * @return the rest of each, in no order
	 */
	public List<String> rememberedAfter(String prefix) {
		return this.facts.stream()
			.filter((fact) -> fact.startsWith(prefix))
			.map((fact) -> fact.substring(prefix.length()))
			.toList();
	}

	/**
	 * Return whether a lock timeout bounds the statement's wait for its table lock: the one
	 * Lockstep sets for the run, or one a statement before it set.
	 * @return whether one is in force
	 */
	public boolean lockTimeoutInForce() {
		return this.lockTimeoutInForce;
	}

	/**
	 * Note that a statement set the session's lock timeout.
	 * @param inForce whether it set one (rather than turning it off)
	 */
	public void lockTimeoutSet(boolean inForce) {
		this.lockTimeoutInForce = inForce;
	}

}

package dev.lockstep;

import java.util.List;

/**
 * Thrown when the lint of the changesets a start would apply found risky statements and
 * {@code lockstep.lint.on-startup} is {@code fail}: nothing was applied.
 */
public final class LintFindingsException extends LockstepException {

	private final List<String> rules;

	/**
	 * Create a new instance.
	 * @param description the findings, described for a person
	 * @param rules the ids of the rules that found them
	 */
	public LintFindingsException(String description, List<String> rules) {
		super(EXIT_REFUSED, "The lint of the pending changesets found risky statements, and "
				+ "lockstep.lint.on-startup is fail; nothing was applied:\n" + description);
		this.rules = List.copyOf(rules);
	}

	/**
	 * Return the ids of the rules that found something.
	 * @return the rules, once each per finding
	 */
	public List<String> getRules() {
		return this.rules;
	}

	@Override
	public String getAction() {
		return "Rewrite the changesets the safe way each finding names, or acknowledge a reviewed finding in the "
				+ "changeset's comment (lint-ack: <rule>) or with lockstep.lint.skip.";
	}

}

package dev.lockstep.engine;

import java.util.List;

/**
 * What is wrong with the changelog or with how it matches the database.
 *
 * @param errors the changelog's own errors (duplicate changesets, failed preconditions,
 * invalid changes), as Liquibase reports them
 * @param changed applied changesets edited since they were applied
 * @param missingFromChangelog applied changesets the changelog no longer has
 */
public record ValidationReport(List<String> errors, List<Revision> changed, List<Revision> missingFromChangelog) {

	public ValidationReport {
		errors = List.copyOf(errors);
		changed = List.copyOf(changed);
		missingFromChangelog = List.copyOf(missingFromChangelog);
	}

	/**
	 * Return whether nothing is wrong.
	 * @return whether the changelog is valid and matches the database
	 */
	public boolean isValid() {
		return this.errors.isEmpty() && this.changed.isEmpty() && this.missingFromChangelog.isEmpty();
	}

}

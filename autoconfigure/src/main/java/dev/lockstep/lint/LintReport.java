package dev.lockstep.lint;

import java.util.List;

/**
 * What a lint of a changelog found.
 *
 * @param database the database the SQL was generated for
 * @param changeSets how many changesets were checked
 * @param statements how many statements were checked
 * @param findings what was found, in changelog order
 */
public record LintReport(String database, int changeSets, int statements, List<LintFinding> findings) {

	public LintReport {
		findings = List.copyOf(findings);
	}

	/**
	 * Return whether nothing was found.
	 * @return whether the lint is clean
	 */
	public boolean clean() {
		return this.findings.isEmpty();
	}

	/**
	 * Describe the findings for a person, one paragraph each.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		for (LintFinding finding : this.findings) {
			text.append(finding.rule())
				.append(": ")
				.append(finding.changeSet())
				.append("\n  ")
				.append(finding.statement().strip().replace("\n", "\n  "))
				.append("\n  Why: ")
				.append(finding.why())
				.append("\n  Instead: ")
				.append(finding.safeRewrite())
				.append('\n');
		}
		text.append(this.findings.size())
			.append((this.findings.size() == 1) ? " finding" : " findings")
			.append(" in ")
			.append(this.statements)
			.append(" statements of ")
			.append(this.changeSets)
			.append((this.changeSets == 1) ? " changeset" : " changesets")
			.append(" (")
			.append(this.database)
			.append(")\n");
		return text.toString();
	}

}

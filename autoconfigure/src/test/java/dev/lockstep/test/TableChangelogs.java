package dev.lockstep.test;

/**
 * Changelogs written by tests: each changeset creates a table named after its id, so that
 * a test can see what ran, and rolls back by dropping it.
 */
public final class TableChangelogs {

	private TableChangelogs() {
	}

	/**
	 * Return a YAML changelog with one changeset per id.
	 * @param ids the changesets' ids, which are also their tables' names
	 * @return the changelog
	 */
	public static String creatingTables(String... ids) {
		StringBuilder changelog = new StringBuilder("databaseChangeLog:\n");
		for (String id : ids) {
			changelog.append("""
					  - changeSet:
					      id: %s
					      author: lockstep
					      changes:
					        - createTable:
					            tableName: %s
					            columns:
					              - column:
					                  name: id
					                  type: int
					""".formatted(id, id));
		}
		return changelog.toString();
	}

}

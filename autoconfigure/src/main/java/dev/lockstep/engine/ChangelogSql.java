package dev.lockstep.engine;

import java.util.List;

/**
 * The SQL of a changelog's changesets on one database.
 *
 * @param database the database, as Liquibase names its kind ({@code h2}, ...)
 * @param changeSets the changesets' SQL, in changelog order
 */
public record ChangelogSql(String database, List<ChangeSetSql> changeSets) {

	public ChangelogSql {
		changeSets = List.copyOf(changeSets);
	}

}

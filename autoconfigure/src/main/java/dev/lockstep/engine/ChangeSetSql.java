package dev.lockstep.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The SQL a changeset runs on the connected database, as Liquibase generates it for an
 * update (the changelog table's own statements left out).
 *
 * @param changeSet the changeset as {@code path::id::author}
 * @param runInTransaction whether the changeset runs in a transaction
 * @param labels its labels
 * @param comment its comment, or {@code null}
 * @param statements its statements, in the order they run
 * @param failure why its SQL could not be generated, or {@code null}
 */
public record ChangeSetSql(String changeSet, boolean runInTransaction, Set<String> labels, @Nullable String comment,
		List<String> statements, @Nullable String failure) {

	public ChangeSetSql {
		labels = Set.copyOf(labels);
		statements = List.copyOf(statements);
	}

	static ChangeSetSql of(ChangeSet changeSet, Database database) {
		Set<String> labels = (changeSet.getLabels() != null) ? changeSet.getLabels().getLabels() : Set.of();
		List<String> statements = new ArrayList<>();
		String failure = null;
		try {
			for (Change change : changeSet.getChanges()) {
				for (SqlStatement statement : change.generateStatements(database)) {
					for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
						statements.add(sql.toSql());
					}
				}
			}
		}
		catch (RuntimeException ex) {
			failure = ex.getMessage();
		}
		return new ChangeSetSql(changeSet.toString(false), changeSet.isRunInTransaction(), labels,
				changeSet.getComments(), statements, failure);
	}

}

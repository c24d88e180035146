package dev.lockstep.revision;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import liquibase.CatalogAndSchema;
import liquibase.change.Change;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.diff.DiffResult;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.compare.CompareControl.SchemaComparison;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.DiffToChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.exception.RollbackImpossibleException;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.structure.DatabaseObject;
import org.jspecify.annotations.Nullable;

/**
 * Compares a reference schema with the target database through Liquibase's diff, and
 * returns the changes that take the target to the reference, in an order that applies
 * (tables before their foreign keys). The target is only read.
 */
public final class SchemaDiff {

	private final DataSource target;

	private final @Nullable String targetSchema;

	private final Set<String> ignoredTables;

	/**
	 * Create a new instance.
	 * @param target the database at head
	 * @param targetSchema the schema the changesets work in, or {@code null} for the
	 * connection's default
	 * @param ignoredTables tables that no model maps (Liquibase's and Lockstep's own)
	 */
	public SchemaDiff(DataSource target, @Nullable String targetSchema, Set<String> ignoredTables) {
		this.target = target;
		this.targetSchema = targetSchema;
		this.ignoredTables = Set.copyOf(ignoredTables);
	}

	/**
	 * Return the changes that take the target to the reference.
	 * @param reference the reference schema
	 * @return the changes, in the order they apply; empty when the two agree
	 * @throws SQLException on a database error
	 * @throws LiquibaseException on an error of Liquibase's
	 */
	public List<SchemaChange> changesTowards(ReferenceSchema reference) throws SQLException, LiquibaseException {
		try (Connection connection = this.target.getConnection()) {
			Database target = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			if (this.targetSchema != null) {
				target.setDefaultSchemaName(this.targetSchema);
			}
			CatalogAndSchema targetSchema = new CatalogAndSchema(null, target.getDefaultSchemaName());
			return reference.read((referenceDatabase, referenceSchema) -> {
				SchemaComparison[] comparisons = { new SchemaComparison(referenceSchema, targetSchema) };
				DiffResult diff = DiffGeneratorFactory.getInstance()
					.compare(snapshot(referenceDatabase, referenceSchema), snapshot(target, targetSchema),
							new CompareControl(comparisons, (Set<Class<? extends DatabaseObject>>) null));
				DiffOutputControl output = new DiffOutputControl(false, false, false, comparisons);
				output.setObjectChangeFilter(new OwnTablesFilter(this.ignoredTables));
				// The changesets work in the default schema of whoever runs them, so their SQL
				// names no schema.
				target.setOutputDefaultSchema(false);
				return new DiffToChangeLog(diff, output).generateChangeSets()
					.stream()
					.flatMap((changeSet) -> changeSet.getChanges().stream())
					.map((change) -> describe(change, target))
					.toList();
			});
		}
	}

	private static DatabaseSnapshot snapshot(Database database, CatalogAndSchema schema) throws LiquibaseException {
		return SnapshotGeneratorFactory.getInstance()
			.createSnapshot(new CatalogAndSchema[] { schema }, database, new SnapshotControl(database));
	}

	private static SchemaChange describe(Change change, Database database) {
		return new SchemaChange(change, change.getConfirmationMessage(), sql(change.generateStatements(database), database),
				rollbackSql(change, database));
	}

	private static List<String> rollbackSql(Change change, Database database) {
		if (!change.supportsRollback(database)) {
			return List.of();
		}
		try {
			return sql(change.generateRollbackStatements(database), database);
		}
		catch (RollbackImpossibleException ex) {
			return List.of();
		}
	}

	private static List<String> sql(SqlStatement[] statements, Database database) {
		return Arrays.stream(SqlGeneratorFactory.getInstance().generateSql(statements, database))
			.map(Sql::toSql)
			.toList();
	}

}

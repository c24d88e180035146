package dev.lockstep.test.roundtrip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.CatalogAndSchema;
import liquibase.database.Database;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.diff.DiffResult;
import liquibase.diff.Difference;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.compare.CompareControl;
import liquibase.exception.LiquibaseException;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Relation;
import liquibase.structure.core.Sequence;
import liquibase.structure.core.Table;
import liquibase.structure.core.UniqueConstraint;
import liquibase.structure.core.View;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots of one schema's structure through Liquibase's own snapshot and diff, so they
 * work on every database Liquibase knows, and the differences between two of them, one
 * line per object, without the tables of Liquibase and Lockstep.
 */
final class SchemaSnapshots {

	private static final Set<Class<? extends DatabaseObject>> TYPES = Set.of(Table.class, Column.class, Index.class,
			PrimaryKey.class, UniqueConstraint.class, ForeignKey.class, Sequence.class, View.class);

	private final Database database;

	private final Set<String> ignoredTables;

	/**
	 * Create a new instance.
	 * @param database the database, on a connection of its own, in the schema to snapshot
	 * @param ignoredTables the tables (and their columns, keys and indexes) to leave out,
	 * in any case
	 */
	SchemaSnapshots(Database database, Set<String> ignoredTables) {
		this.database = database;
		this.ignoredTables = ignoredTables.stream().map(SchemaSnapshots::lowerCase).collect(Collectors.toSet());
	}

	DatabaseSnapshot take() {
		try {
			@SuppressWarnings("unchecked")
			Class<? extends DatabaseObject>[] types = TYPES.toArray(new Class[0]);
			return SnapshotGeneratorFactory.getInstance()
				.createSnapshot(new CatalogAndSchema[] { this.database.getDefaultSchema() }, this.database,
						new SnapshotControl(this.database, types));
		}
		catch (LiquibaseException ex) {
			throw new IllegalStateException("Could not take a snapshot of the schema: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the objects of a snapshot, one line each.
	 */
	List<String> objects(DatabaseSnapshot snapshot) {
		List<String> objects = new ArrayList<>();
		for (Class<? extends DatabaseObject> type : TYPES) {
			for (DatabaseObject object : snapshot.get(type)) {
				if (!isIgnored(object)) {
					objects.add(describe(object));
				}
			}
		}
		return objects.stream().sorted().toList();
	}

	/**
	 * Return how a snapshot differs from a reference: what it lacks, what it has more,
	 * and what changed, one sorted line per object.
	 */
	List<String> differences(DatabaseSnapshot reference, DatabaseSnapshot comparison) {
		DiffResult diff;
		try {
			// Liquibase narrows the set it is given to the types both snapshots hold.
			diff = DiffGeneratorFactory.getInstance().compare(reference, comparison, new CompareControl(new HashSet<>(TYPES)));
		}
		catch (LiquibaseException ex) {
			throw new IllegalStateException("Could not compare two snapshots of the schema: " + ex.getMessage(), ex);
		}
		List<String> differences = new ArrayList<>();
		for (DatabaseObject missing : diff.getMissingObjects()) {
			if (!isIgnored(missing)) {
				differences.add("missing " + describe(missing));
			}
		}
		for (DatabaseObject unexpected : diff.getUnexpectedObjects()) {
			if (!isIgnored(unexpected)) {
				differences.add("unexpected " + describe(unexpected));
			}
		}
		for (Map.Entry<DatabaseObject, ObjectDifferences> changed : diff.getChangedObjects().entrySet()) {
			if (!isIgnored(changed.getKey())) {
				differences.add("changed " + describe(changed.getKey()) + ": " + describe(changed.getValue()));
			}
		}
		return differences.stream().sorted().toList();
	}

	private boolean isIgnored(DatabaseObject object) {
		String table = owningTable(object);
		return table != null && this.ignoredTables.contains(lowerCase(table));
	}

	private static @Nullable String owningTable(DatabaseObject object) {
		if (object instanceof Table table) {
			return table.getName();
		}
		if (object instanceof Column column) {
			return name(column.getRelation());
		}
		if (object instanceof Index index) {
			return name(index.getRelation());
		}
		if (object instanceof PrimaryKey primaryKey) {
			return name(primaryKey.getTable());
		}
		if (object instanceof UniqueConstraint unique) {
			return name(unique.getRelation());
		}
		if (object instanceof ForeignKey foreignKey) {
			return name(foreignKey.getForeignKeyTable());
		}
		return null;
	}

	static String describe(DatabaseObject object) {
		if (object instanceof Column column) {
			return "column " + name(column.getRelation()) + "." + column.getName() + " " + column.getType();
		}
		if (object instanceof Index index) {
			return "index " + index.getName() + " on " + name(index.getRelation()) + "(" + columnNames(index.getColumns())
					+ ")";
		}
		if (object instanceof PrimaryKey primaryKey) {
			return "primary key " + primaryKey.getName() + " on " + name(primaryKey.getTable()) + "("
					+ columnNames(primaryKey.getColumns()) + ")";
		}
		if (object instanceof UniqueConstraint unique) {
			return "unique constraint " + unique.getName() + " on " + name(unique.getRelation()) + "("
					+ columnNames(unique.getColumns()) + ")";
		}
		if (object instanceof ForeignKey foreignKey) {
			return "foreign key " + foreignKey.getName() + " on " + name(foreignKey.getForeignKeyTable()) + "("
					+ columnNames(foreignKey.getForeignKeyColumns()) + ") references "
					+ name(foreignKey.getPrimaryKeyTable());
		}
		if (object instanceof Sequence) {
			return "sequence " + object.getName();
		}
		if (object instanceof View) {
			return "view " + object.getName();
		}
		if (object instanceof Table) {
			return "table " + object.getName();
		}
		return object.getObjectTypeName() + " " + object.getName();
	}

	private static String describe(ObjectDifferences differences) {
		return differences.getDifferences()
			.stream()
			.sorted()
			.map(SchemaSnapshots::describe)
			.collect(Collectors.joining(", "));
	}

	private static String describe(Difference difference) {
		return difference.getField() + " was " + describeValue(difference.getReferenceValue()) + ", is "
				+ describeValue(difference.getComparedValue());
	}

	private static String describeValue(@Nullable Object value) {
		if (value instanceof DatabaseObject object) {
			return object.getName();
		}
		return String.valueOf(value);
	}

	private static String columnNames(@Nullable List<Column> columns) {
		return (columns != null) ? columns.stream().map(Column::getName).collect(Collectors.joining(", ")) : "";
	}

	private static @Nullable String name(@Nullable Relation relation) {
		return (relation != null) ? relation.getName() : null;
	}

	private static String lowerCase(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}

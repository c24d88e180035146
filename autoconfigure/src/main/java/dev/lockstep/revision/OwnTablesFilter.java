package dev.lockstep.revision;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import liquibase.database.Database;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.output.ObjectChangeFilter;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Relation;
import liquibase.structure.core.UniqueConstraint;
import org.jspecify.annotations.Nullable;

/**
 * Leaves out of a diff the tables that no model maps, because Liquibase and Lockstep keep
 * their records in them, and everything that belongs to those tables.
 */
final class OwnTablesFilter implements ObjectChangeFilter {

	private final Set<String> tables;

	OwnTablesFilter(Set<String> tables) {
		this.tables = tables.stream().map((table) -> table.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
	}

	@Override
	public boolean includeMissing(DatabaseObject object, Database referenceDatabase, Database comparisonDatabase) {
		return include(object);
	}

	@Override
	public boolean includeUnexpected(DatabaseObject object, Database referenceDatabase, Database comparisonDatabase) {
		return include(object);
	}

	@Override
	public boolean includeChanged(DatabaseObject object, ObjectDifferences differences, Database referenceDatabase,
			Database comparisonDatabase) {
		return include(object);
	}

	@Override
	public boolean include(DatabaseObject object) {
		String table = tableOf(object);
		return table == null || !this.tables.contains(table.toLowerCase(Locale.ROOT));
	}

	private static @Nullable String tableOf(DatabaseObject object) {
		Relation relation = null;
		if (object instanceof Relation itself) {
			relation = itself;
		}
		else if (object instanceof Column column) {
			relation = column.getRelation();
		}
		else if (object instanceof Index index) {
			relation = index.getRelation();
		}
		else if (object instanceof PrimaryKey primaryKey) {
			relation = primaryKey.getTable();
		}
		else if (object instanceof UniqueConstraint unique) {
			relation = unique.getRelation();
		}
		else if (object instanceof ForeignKey foreignKey) {
			relation = foreignKey.getForeignKeyTable();
		}
		return (relation != null) ? relation.getName() : null;
	}

}

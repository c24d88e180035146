package dev.lockstep.revision;

import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import org.jspecify.annotations.Nullable;

/**
 * One logical change that takes the database towards the model, as Liquibase's diff
 * found it.
 *
 * @param change the Liquibase change
 * @param description what it does, in Liquibase's words
 * @param sql the statements it runs on the database
 * @param rollbackSql the statements that undo it, empty where Liquibase cannot derive them
 */
public record SchemaChange(Change change, String description, List<String> sql, List<String> rollbackSql) {

	public SchemaChange {
		sql = List.copyOf(sql);
		rollbackSql = List.copyOf(rollbackSql);
	}

	/**
	 * Return what a reviewer must check before this change is applied, if anything: a diff
	 * cannot tell a rename from a drop and an add, nor whether a new type holds the old
	 * values.
	 * @return the warning, or {@code null} for a change that loses nothing
	 */
	public @Nullable String warning() {
		if (this.change instanceof DropTableChange || this.change instanceof DropColumnChange) {
			return "REVIEW: this drops data. If the model renamed it, replace this changeset and the one that adds "
					+ "the new name with a rename.";
		}
		if (this.change instanceof ModifyDataTypeChange) {
			return "REVIEW: a type change can lose data or fail on existing rows; check the values it converts.";
		}
		return null;
	}

}

package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import dev.lockstep.lock.LockName;
import liquibase.integration.spring.SpringLiquibase;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * What the engine migrates: the changelog, the contexts and labels that select its
 * changesets, its parameters, and where Liquibase keeps its tables.
 *
 * @param changeLog the changelog's location
 * @param contexts the active contexts, or {@code null} for all
 * @param labelFilter the label expression, or {@code null} for all
 * @param parameters the changelog parameters
 * @param defaultSchema the schema the changesets work in, or {@code null} for the
 * connection's default
 * @param liquibaseSchema the schema of Liquibase's own tables, or {@code null} for the
 * default schema
 * @param changelogTable the changelog table's name, or {@code null} for Liquibase's default
 * @param changelogLockTable the changelog lock table's name, or {@code null} for
 * Liquibase's default
 * @param lockName the migration lock's name, or {@code null} to derive it from the
 * changelog table
 */
public record MigrationSettings(String changeLog, @Nullable String contexts, @Nullable String labelFilter,
		Map<String, String> parameters, @Nullable String defaultSchema, @Nullable String liquibaseSchema,
		@Nullable String changelogTable, @Nullable String changelogLockTable, @Nullable String lockName) {

	private static final String DEFAULT_CHANGELOG_TABLE = "DATABASECHANGELOG";

	public MigrationSettings {
		parameters = Map.copyOf(parameters);
	}

	/**
	 * Return settings for a changelog with every other setting at its default.
	 * @param changeLog the changelog's location
	 * @return the settings
	 */
	public static MigrationSettings of(String changeLog) {
		return new MigrationSettings(changeLog, null, null, Map.of(), null, null, null, null, null);
	}

	/**
	 * Return the name of the migration lock for these settings: the configured name, else
	 * one derived from the changelog table and the schema that holds it.
	 * @param connection a connection to the database, for its default schema
	 * @return the lock's name
	 * @throws SQLException on a database error
	 */
	public LockName lockName(Connection connection) throws SQLException {
		return lockNameInSchema(StringUtils.hasText(this.lockName) ? null : schema(connection));
	}

	/**
	 * Return the name of the migration lock for these settings, when the schema that
	 * holds Liquibase's tables is known already.
	 * @param schema that schema, as {@link #schema(Connection)} returns it
	 * @return the lock's name
	 */
	public LockName lockNameInSchema(@Nullable String schema) {
		return StringUtils.hasText(this.lockName) ? new LockName(this.lockName)
				: LockName.forChangelogTable(schema, changelogTableName());
	}

	/**
	 * Return the schema that holds Liquibase's tables. Where the database has no schemas
	 * but catalogs (MariaDB's and MySQL's databases), Liquibase works in the connection's
	 * catalog, and so does this.
	 * @param connection a connection to the database, for its default schema
	 * @return the Liquibase schema, else the default schema, else the connection's schema,
	 * else its catalog
	 * @throws SQLException on a database error
	 */
	public @Nullable String schema(Connection connection) throws SQLException {
		if (StringUtils.hasText(this.liquibaseSchema)) {
			return this.liquibaseSchema;
		}
		if (StringUtils.hasText(this.defaultSchema)) {
			return this.defaultSchema;
		}
		String schema = connection.getSchema();
		return (schema != null) ? schema : connection.getCatalog();
	}

	/**
	 * Apply these settings to a {@link SpringLiquibase}: the one place they are mapped,
	 * for the startup run and for every view of the same migration.
	 * @param liquibase the Liquibase to configure
	 */
	public void applyTo(SpringLiquibase liquibase) {
		liquibase.setChangeLog(this.changeLog);
		liquibase.setContexts(this.contexts);
		liquibase.setLabelFilter(this.labelFilter);
		liquibase.setChangeLogParameters(this.parameters);
		liquibase.setDefaultSchema(this.defaultSchema);
		liquibase.setLiquibaseSchema(this.liquibaseSchema);
		liquibase.setDatabaseChangeLogTable(changelogTableName());
		if (this.changelogLockTable != null) {
			liquibase.setDatabaseChangeLogLockTable(this.changelogLockTable);
		}
	}

	/**
	 * Return the changelog table's name.
	 * @return the configured name, else Liquibase's default
	 */
	public String changelogTableName() {
		return StringUtils.hasText(this.changelogTable) ? this.changelogTable : DEFAULT_CHANGELOG_TABLE;
	}

}

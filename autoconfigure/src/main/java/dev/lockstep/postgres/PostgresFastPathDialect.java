package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.lockstep.fastpath.FastPathDialect;

/**
 * The fast path's SQL on PostgreSQL (11 and later, for {@code hashtextextended}).
 */
public final class PostgresFastPathDialect implements FastPathDialect {

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return PostgresConnections.isPostgres(connection);
	}

	/**
	 * The row count and the sum of a 64-bit hash of each row (every row carries its
	 * position, so reordering changes it too), which the server computes without sorting
	 * or concatenating the table.
	 */
	@Override
	public String summary(String changelogTable) {
		return "(SELECT count(*) || ':' || coalesce(sum(hashtextextended(c.id || ':' || c.author || ':' || c.filename "
				+ "|| ':' || coalesce(c.md5sum, '') || ':' || c.exectype || ':' || coalesce(c.tag, '') || ':' "
				+ "|| c.orderexecuted, 0)), 0) FROM " + changelogTable + " c)";
	}

	@Override
	public String currentRevision(String changelogTable, String separator) {
		return "(SELECT filename || '" + separator + "' || id || '" + separator + "' || author FROM " + changelogTable
				+ " ORDER BY orderexecuted DESC LIMIT 1) AS current, (SELECT tag FROM " + changelogTable
				+ " WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1) AS current_tag";
	}

	@Override
	public String tableExists(String table) {
		return "SELECT to_regclass('" + table + "') IS NOT NULL";
	}

	@Override
	public List<String> createStateTable(String stateTable) {
		return List.of("CREATE TABLE IF NOT EXISTS " + stateTable + " (lock_name VARCHAR(255) PRIMARY KEY, "
				+ "inputs_digest VARCHAR(64) NOT NULL, manifest TEXT NOT NULL, changelog_summary VARCHAR(64) NOT NULL, "
				+ "liquibase_version VARCHAR(64) NOT NULL, current_revision TEXT, current_tag TEXT, "
				+ "updated_at TIMESTAMP WITH TIME ZONE NOT NULL)",
				// Where an earlier version created the table without them.
				"ALTER TABLE " + stateTable + " ADD COLUMN IF NOT EXISTS current_revision TEXT, "
						+ "ADD COLUMN IF NOT EXISTS current_tag TEXT");
	}

	@Override
	public String upsertState(String stateTable) {
		return "INSERT INTO " + stateTable + " (lock_name, inputs_digest, manifest, changelog_summary, "
				+ "liquibase_version, current_revision, current_tag, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, now()) "
				+ "ON CONFLICT (lock_name) DO UPDATE SET inputs_digest = EXCLUDED.inputs_digest, "
				+ "manifest = EXCLUDED.manifest, changelog_summary = EXCLUDED.changelog_summary, "
				+ "liquibase_version = EXCLUDED.liquibase_version, current_revision = EXCLUDED.current_revision, "
				+ "current_tag = EXCLUDED.current_tag, updated_at = EXCLUDED.updated_at";
	}

}

package dev.lockstep.mariadb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.lockstep.fastpath.FastPathDialect;

/**
 * The fast path's SQL on MariaDB and MySQL, where a schema is a database: the tables come
 * qualified by the database's name.
 */
public final class MariaDbFastPathDialect implements FastPathDialect {

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return MariaDbConnections.isMariaDbOrMySql(connection);
	}

	/**
	 * The row count and the sum of a 60-bit hash of each row (the first fifteen
	 * hexadecimal digits of its SHA-1; every row carries its position, so reordering
	 * changes it too), which the server computes without sorting or concatenating the
	 * table. The sum is exact: MariaDB and MySQL sum integers as decimals.
	 */
	@Override
	public String summary(String changelogTable) {
		return "(SELECT CONCAT(count(*), ':', COALESCE(SUM(CAST(CONV(LEFT(SHA1(CONCAT(c.ID, ':', c.AUTHOR, ':', "
				+ "c.FILENAME, ':', COALESCE(c.MD5SUM, ''), ':', c.EXECTYPE, ':', COALESCE(c.TAG, ''), ':', "
				+ "c.ORDEREXECUTED)), 15), 16, 10) AS UNSIGNED)), 0)) FROM " + changelogTable + " c)";
	}

	@Override
	public String currentRevision(String changelogTable, String separator) {
		return "(SELECT CONCAT(FILENAME, '" + separator + "', ID, '" + separator + "', AUTHOR) FROM " + changelogTable
				+ " ORDER BY ORDEREXECUTED DESC LIMIT 1) AS current, (SELECT TAG FROM " + changelogTable
				+ " WHERE TAG IS NOT NULL ORDER BY ORDEREXECUTED DESC LIMIT 1) AS current_tag";
	}

	@Override
	public String tableExists(String table) {
		int dot = table.indexOf('.');
		return "SELECT count(*) > 0 FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + table.substring(0, dot)
				+ "' AND TABLE_NAME = '" + table.substring(dot + 1) + "'";
	}

	@Override
	public List<String> createStateTable(String stateTable) {
		// Created with every column from the first version that supports these servers.
		return List.of("CREATE TABLE IF NOT EXISTS " + stateTable + " (lock_name VARCHAR(255) PRIMARY KEY, "
				+ "inputs_digest VARCHAR(64) NOT NULL, manifest LONGTEXT NOT NULL, "
				+ "changelog_summary VARCHAR(64) NOT NULL, liquibase_version VARCHAR(64) NOT NULL, "
				+ "current_revision TEXT, current_tag TEXT, updated_at DATETIME(6) NOT NULL)");
	}

	@Override
	public String upsertState(String stateTable) {
		return "INSERT INTO " + stateTable + " (lock_name, inputs_digest, manifest, changelog_summary, "
				+ "liquibase_version, current_revision, current_tag, updated_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
				+ "inputs_digest = VALUES(inputs_digest), manifest = VALUES(manifest), "
				+ "changelog_summary = VALUES(changelog_summary), liquibase_version = VALUES(liquibase_version), "
				+ "current_revision = VALUES(current_revision), current_tag = VALUES(current_tag), "
				+ "updated_at = VALUES(updated_at)";
	}

}

package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

import dev.lockstep.engine.SessionTuning;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Puts the schema Liquibase works in first on a PostgreSQL session's search path for the
 * length of a run, and restores the search path afterwards. Before every changeset,
 * Liquibase reads the search path and, unless that schema already comes first, sets it
 * for that changeset's transaction: set once for the session, it saves one statement per
 * changeset, and the changesets search the same schemas in the same order.
 */
public final class PostgresSearchPath implements SessionTuning {

	private static final String SEARCH_PATH = "search_path";

	// A name that means the same schema quoted or not, whichever form Liquibase compares.
	private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return PostgresConnections.isPostgres(connection);
	}

	/**
	 * Put the schema first on the connection's search path, where that helps.
	 * @param connection the connection Liquibase runs on
	 * @param defaultSchema the schema Liquibase is configured to work in; {@code null} or
	 * blank for the connection's current schema, as Liquibase takes it
	 * @return the change to undo once the run is over
	 * @throws SQLException on a database error
	 */
	@Override
	public Undo apply(Connection connection, @Nullable String defaultSchema) throws SQLException {
		String original;
		String schema;
		try (PreparedStatement read = connection
			.prepareStatement("SELECT current_setting('search_path'), coalesce(?, current_schema())")) {
			read.setString(1, StringUtils.hasText(defaultSchema) ? defaultSchema : null);
			try (ResultSet row = read.executeQuery()) {
				row.next();
				original = row.getString(1);
				schema = row.getString(2);
			}
		}
		if (schema == null || !PLAIN_NAME.matcher(schema).matches()) {
			return Undo.NONE;
		}
		PostgresSession.setConfig(connection, SEARCH_PATH, "\"" + schema + "\", " + original);
		return () -> PostgresSession.restoreConfig(connection, SEARCH_PATH, original);
	}

}

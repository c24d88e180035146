package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.lockstep.lock.DiscardedConnections;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Changes to a PostgreSQL session that last for a run and are undone before its pooled
 * connection goes back to the pool.
 */
final class PostgresSession {

	private static final Log logger = LogFactory.getLog(PostgresSession.class);

	private PostgresSession() {
	}

	/**
	 * Set a configuration parameter for the rest of the session. Outside a transaction the
	 * change holds at once; inside one, it holds only if that transaction commits.
	 * @param connection the session
	 * @param name the parameter's name
	 * @param value its new value
	 * @return the value it had, to restore it with
	 * @throws SQLException on a database error, such as a name the server does not know
	 */
	static String setConfig(Connection connection, String name, String value) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT current_setting(?), set_config(?, ?, false)")) {
			statement.setString(1, name);
			statement.setString(2, name);
			statement.setString(3, value);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

	/**
	 * Roll back whatever transaction work left open and return to auto-commit, so that
	 * what follows is not undone with it or kept waiting by it.
	 * @param connection the session
	 * @throws SQLException on a database error
	 */
	static void endTransaction(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

	/**
	 * Give a configuration parameter back the value it had before a run. A failed run may
	 * leave its transaction open, and a setting made in it would go with it, so that
	 * transaction is ended first. If restoring fails, the connection is discarded, so that
	 * no pool hands it out with the run's setting.
	 * @param connection the session
	 * @param name the parameter's name
	 * @param original the value it had
	 */
	static void restoreConfig(Connection connection, String name, String original) {
		try {
			endTransaction(connection);
			setConfig(connection, name, original);
		}
		catch (SQLException ex) {
			logger.warn("Could not restore " + name + " of the migration connection (" + ex.getMessage()
					+ "); discarding the connection");
			DiscardedConnections.discard(connection, ex);
		}
	}

}

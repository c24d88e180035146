package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.lockstep.TransactionPoolingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;

/**
 * Refuses a lock session on a connection whose server session changes hands between
 * transactions, as it does through a pooler in transaction or statement pooling mode
 * (PgBouncer's {@code pool_mode = transaction} or {@code statement}): the session advisory
 * lock and {@code LISTEN} would stay behind on a server session that other clients then
 * use, and two instances could migrate at once.
 * <p>
 * On a direct connection the check is one query: the backend pid the server announced as
 * the connection opened is the one {@code pg_backend_pid()} reports. A pooler answers the
 * connection itself and announces a pid of its own (PgBouncer a random one), so the two
 * differ. Then a second connection from the migration's data source asks for its backend
 * pid between two asks of the lock connection's: if the second connection is served by the
 * server session the lock connection just used, or the lock connection's own next
 * statement by another one, that server session is not the lock connection's own. A pooler
 * in session mode keeps one server session per client for the client's life, so neither
 * ever happens there: the check never refuses a session that is the connection's own.
 * <p>
 * Limits: the check sees transaction pooling when the pooler hands the server session just
 * released to the next statement that needs one. PgBouncer does by default (it reuses the
 * most recently released server connection first, {@code server_round_robin = 0}); with
 * round robin, or under heavy traffic through the same pool, a round can miss, and
 * {@value #ROUNDS} rounds are run. Where no second connection can be had (a data source that
 * hands out one connection only, a pool of one that times out), the check cannot tell
 * session pooling from transaction pooling and only warns.
 */
final class PostgresPoolerCheck {

	private static final Log logger = LogFactory.getLog(PostgresPoolerCheck.class);

	private static final int ROUNDS = 3;

	private final DataSource dataSource;

	/**
	 * Create a new instance.
	 * @param dataSource the migration's data source, for the second connection
	 */
	PostgresPoolerCheck(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Check that the connection's server session is its own.
	 * @param connection the lock connection, in auto-commit
	 * @throws TransactionPoolingException if its server session changes hands between
	 * transactions
	 * @throws SQLException on a database error
	 */
	void check(Connection connection) throws SQLException {
		int serverSession = backendPid(connection);
		if (connection.isWrapperFor(PGConnection.class)
				&& connection.unwrap(PGConnection.class).getBackendPID() == serverSession) {
			return;
		}
		Connection second;
		try {
			second = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			warnCannotCheck("no second connection could be opened (" + ex.getMessage() + ")");
			return;
		}
		try (Connection other = second) {
			if (other.isWrapperFor(PGConnection.class) && connection.isWrapperFor(PGConnection.class)
					&& other.unwrap(PGConnection.class) == connection.unwrap(PGConnection.class)) {
				warnCannotCheck("its data source hands out a single connection");
				return;
			}
			checkServerSessionStaysWith(connection, serverSession, other);
		}
		logger.info("The migration connection goes through a connection pooler that keeps one server session per "
				+ "client (session pooling)");
	}

	private static void checkServerSessionStaysWith(Connection connection, int serverSession, Connection other)
			throws SQLException {
		for (int round = 0; round < ROUNDS; round++) {
			if (backendPid(other) == serverSession) {
				throw refused("the server session its last transaction ran on (backend pid " + serverSession
						+ ") then served another connection");
			}
			int next = backendPid(connection);
			if (next != serverSession) {
				throw refused("its transactions ran on different server sessions (backend pid " + serverSession
						+ ", then " + next + ")");
			}
		}
	}

	private static void warnCannotCheck(String why) {
		logger.warn("The migration connection goes through a connection pooler, and " + why + ": Lockstep cannot "
				+ "check that the pooler keeps one server session per client (session pooling), which its lock needs");
	}

	private static TransactionPoolingException refused(String evidence) {
		return new TransactionPoolingException("The migration connection goes through a connection pooler in "
				+ "transaction or statement pooling mode (PgBouncer's pool_mode = transaction, for example): "
				+ evidence + ". Lockstep's session advisory lock and LISTEN would stay behind on a server session "
				+ "that other clients use, and two instances could migrate at once, so Lockstep did not take the lock.");
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

}

package dev.lockstep.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.lockstep.Durations;
import dev.lockstep.engine.TableLockTimeout;
import net.sf.jsqlparser.util.TablesNamesFinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sets PostgreSQL's {@code lock_timeout} on the migration session for the length of a run
 * (a shorter one already in force stays), so that a statement that cannot get its table
 * lock gives up instead of making every later query on the table wait behind it. A
 * statement that gave up fails with SQLSTATE {@code 55P03}; the sessions that held a lock
 * on its tables since before it started waiting are named from {@code pg_locks} and
 * {@code pg_stat_activity}.
 */
public final class PostgresLockTimeout implements TableLockTimeout {

	private static final Log logger = LogFactory.getLog(PostgresLockTimeout.class);

	private static final String LOCK_TIMEOUT = "lock_timeout";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String FAILED_SQL = "[Failed SQL: (";

	private static final String BLOCKERS = """
			SELECT DISTINCT a.pid, a.application_name, a.state, a.query, a.xact_start, now() - a.xact_start AS held
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.granted AND l.locktype = 'relation' AND a.pid <> pg_backend_pid()
			  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			  AND (cardinality(?::text[]) = 0 OR l.relation = ANY (SELECT to_regclass(t) FROM unnest(?::text[]) t))
			  AND l.relation >= 16384 AND a.xact_start < ?
			ORDER BY a.xact_start""";

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param timeout the lock timeout; zero leaves the server's setting alone
	 */
	public PostgresLockTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("lockstep.ddl.lock-timeout must not be negative, but is "
					+ timeout);
		}
		this.timeout = timeout;
	}

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return !this.timeout.isZero() && PostgresConnections.isPostgres(connection);
	}

	@Override
	public Undo apply(Connection connection, @Nullable String defaultSchema) throws SQLException {
		long current;
		try (PreparedStatement read = connection.prepareStatement(
				"SELECT (EXTRACT(epoch FROM current_setting('lock_timeout')::interval) * 1000)::bigint")) {
			try (ResultSet row = read.executeQuery()) {
				row.next();
				current = row.getLong(1);
			}
		}
		if (current != 0 && current <= this.timeout.toMillis()) {
			return Undo.NONE;
		}
		String original = PostgresSession.setConfig(connection, LOCK_TIMEOUT, this.timeout.toMillis() + "ms");
		return () -> PostgresSession.restoreConfig(connection, LOCK_TIMEOUT, original);
	}

	@Override
	public boolean isLockTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Name the sessions that hold a lock on a table of the failed statement (as
	 * Liquibase's failure quotes it; on any table if it does not) and have held it since
	 * before the attempt started.
	 */
	@Override
	public List<String> blockers(Connection connection, Throwable failure, Instant since) throws SQLException {
		PostgresSession.endTransaction(connection);
		String[] tables = tablesOf(failedSql(failure)).toArray(String[]::new);
		List<String> blockers = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(BLOCKERS)) {
			Array names = connection.createArrayOf("text", tables);
			query.setArray(1, names);
			query.setArray(2, names);
			query.setTimestamp(3, Timestamp.from(since));
			try (ResultSet row = query.executeQuery()) {
				while (row.next()) {
					blockers.add("pid " + row.getInt("pid") + " (application '" + row.getString("application_name")
							+ "', " + row.getString("state") + ", in a transaction for "
							+ Durations.format(Duration.between(row.getTimestamp("xact_start").toInstant(),
									Instant.now()))
							+ ", last query: " + oneLine(row.getString("query")) + ")");
				}
			}
		}
		return blockers;
	}

	private static @Nullable String failedSql(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			String message = cause.getMessage();
			int start = (message != null) ? message.indexOf(FAILED_SQL) : -1;
			if (start >= 0) {
				int sql = message.indexOf(") ", start);
				int end = message.lastIndexOf(']');
				if (sql > 0 && end > sql) {
					return message.substring(sql + 2, end);
				}
			}
		}
		return null;
	}

	private static Set<String> tablesOf(@Nullable String sql) {
		if (sql == null) {
			return Set.of();
		}
		try {
			return new LinkedHashSet<>(TablesNamesFinder.findTables(sql));
		}
		catch (Exception ex) {
			logger.debug("Could not read the tables of the failed statement " + sql, ex);
			return Set.of();
		}
	}

	private static String oneLine(@Nullable String query) {
		if (query == null) {
			return "";
		}
		String line = query.strip().replaceAll("\\s+", " ");
		return (line.length() > 200) ? line.substring(0, 200) + "..." : line;
	}

}

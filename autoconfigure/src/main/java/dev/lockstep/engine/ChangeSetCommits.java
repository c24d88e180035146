package dev.lockstep.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import org.jspecify.annotations.Nullable;

/**
 * Makes a transactional changeset's work and its changelog row commit together.
 * Liquibase commits a changeset's transaction and records the changeset in the next one:
 * a session that ends between the two (a killed process, a terminated backend, a cut
 * connection) leaves the changeset's effect without its row, and the next run applies it
 * a second time. On the connection {@link #wrap} returns, the first commit after a
 * transactional changeset starts is skipped, so that the commit that follows its row
 * commits both. (Liquibase rolls back as a changeset starts, so a rollback must not cancel
 * the skip; the changeset's end does, when Liquibase commits once more anyway.)
 */
final class ChangeSetCommits implements InvocationHandler {

	private final Connection target;

	private boolean skipNextCommit;

	private ChangeSetCommits(Connection target) {
		this.target = target;
	}

	/**
	 * Return the connection for Liquibase to run on.
	 * @param connection the lock session's connection
	 * @return a connection that commits through to it, but for the skipped commits
	 */
	static Connection wrap(Connection connection) {
		return (Connection) Proxy.newProxyInstance(ChangeSetCommits.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new ChangeSetCommits(connection));
	}

	/**
	 * Skip the next commit on the database's connection, if it is one {@link #wrap}
	 * returned: a transactional changeset starts.
	 * @param database the database Liquibase runs on
	 */
	static void skipNextCommit(Database database) {
		ChangeSetCommits commits = of(database);
		if (commits != null) {
			commits.skipNextCommit = true;
		}
	}

	/**
	 * Return the handler under the database's connection, through whatever wraps it (a
	 * close-suppressing proxy of a single-connection DataSource, for one).
	 */
	/**
	 * Cancel a skip that no commit used: the changeset ended (Liquibase commits after each
	 * changeset in any case).
	 * @param database the database Liquibase runs on
	 */
	static void changeSetEnded(Database database) {
		ChangeSetCommits commits = of(database);
		if (commits != null) {
			commits.skipNextCommit = false;
		}
	}

	private static @Nullable ChangeSetCommits of(Database database) {
		if (database.getConnection() instanceof JdbcConnection jdbc) {
			Connection connection = jdbc.getUnderlyingConnection();
			try {
				if (connection != null && connection.isWrapperFor(ChangeSetCommits.class)) {
					return connection.unwrap(ChangeSetCommits.class);
				}
			}
			catch (SQLException ex) {
				return null;
			}
		}
		return null;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] arguments) throws Throwable {
		boolean noArguments = arguments == null || arguments.length == 0;
		if (!noArguments && arguments[0] == ChangeSetCommits.class) {
			if (method.getName().equals("isWrapperFor")) {
				return true;
			}
			if (method.getName().equals("unwrap")) {
				return this;
			}
		}
		if (noArguments && method.getName().equals("commit") && this.skipNextCommit) {
			this.skipNextCommit = false;
			return null;
		}
		try {
			return method.invoke(this.target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}

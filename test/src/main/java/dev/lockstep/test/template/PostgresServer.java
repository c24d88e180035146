package dev.lockstep.test.template;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server as a JDBC URL names it, with a user that may create databases: the
 * database the URL names is the maintenance database the statements that create, rename
 * and drop databases run in.
 *
 * @param url the JDBC URL of the maintenance database
 * @param username the user
 * @param password the password (may be empty)
 */
public record PostgresServer(String url, String username, String password) {

	private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

	private static final String OBJECT_IN_USE = "55006";

	public PostgresServer {
		if (!URL.matcher(url).matches()) {
			throw new IllegalArgumentException("Template databases need PostgreSQL; '" + url
					+ "' is not a jdbc:postgresql:// URL");
		}
	}

	/**
	 * Return the JDBC URL of another database on this server, with the same parameters.
	 * @param database the database
	 * @return its URL
	 */
	public String urlFor(String database) {
		Matcher url = URL.matcher(this.url);
		url.matches();
		String parameters = url.group(3);
		return url.group(1) + "/" + database + ((parameters != null) ? parameters : "");
	}

	/**
	 * Return an unpooled DataSource on another database of this server: every connection
	 * it opens is closed when its user closes it.
	 * @param database the database
	 * @return the DataSource
	 */
	public DataSource dataSource(String database) {
		return new DriverManagerDataSource(urlFor(database), this.username, this.password);
	}

	Connection connect() throws SQLException {
		Properties credentials = new Properties();
		credentials.setProperty("user", this.username);
		credentials.setProperty("password", this.password);
		return DriverManager.getConnection(this.url, credentials);
	}

	static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, database);
			try (ResultSet found = statement.executeQuery()) {
				return found.next();
			}
		}
	}

	static List<String> databasesStartingWith(Connection connection, String prefix) throws SQLException {
		List<String> databases = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT datname FROM pg_database WHERE left(datname, ?) = ? ORDER BY datname")) {
			statement.setInt(1, prefix.length());
			statement.setString(2, prefix);
			try (ResultSet found = statement.executeQuery()) {
				while (found.next()) {
					databases.add(found.getString(1));
				}
			}
		}
		return databases;
	}

	/**
	 * Run a statement that needs the database it names to have no sessions (a copy from
	 * a template, a rename): sessions that were just closed may take a moment to end.
	 */
	static void executeWhenUnused(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (int attempt = 1;; attempt++) {
				try {
					statement.execute(sql);
					return;
				}
				catch (SQLException ex) {
					if (!OBJECT_IN_USE.equals(ex.getSQLState()) || attempt == 100) {
						throw ex;
					}
					pause();
				}
			}
		}
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Drop a database, a template too, ending its sessions first.
	 */
	static void drop(Connection connection, String database) throws SQLException {
		String name = quote(database);
		execute(connection, "ALTER DATABASE " + name + " WITH IS_TEMPLATE false ALLOW_CONNECTIONS true");
		if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
			execute(connection, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			return;
		}
		try (PreparedStatement terminate = connection.prepareStatement(
				"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
			terminate.setString(1, database);
			terminate.execute();
		}
		executeWhenUnused(connection, "DROP DATABASE IF EXISTS " + name);
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static void pause() throws SQLException {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("Interrupted while waiting for a database's sessions to end", ex);
		}
	}

}

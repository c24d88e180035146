package dev.lockstep.test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh PostgreSQL database for one test class, dropped when the class is done. The
 * server is resolved once per JVM: the JDBC URL in {@value #URL_VARIABLE} if set, else a
 * Testcontainers container when Docker is available, else an embedded PostgreSQL. A test
 * that gets none of them fails and says how to provide one.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static TestDatabase database = TestDatabase.emptyForEachTest();
 * </pre>
 */
public final class TestDatabase extends ClassDatabase {

	/**
	 * The environment variable with the JDBC URL of a PostgreSQL server whose user may
	 * create databases, for example
	 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
	 */
	public static final String URL_VARIABLE = "LOCKSTEP_TEST_POSTGRES_URL";

	private static Server server;

	/**
	 * A database for the test class, shared by its tests.
	 */
	public TestDatabase() {
		this(false);
	}

	private TestDatabase(boolean emptyForEachTest) {
		super(emptyForEachTest);
	}

	/**
	 * A database for the test class that is emptied before each of its tests.
	 * @return the database
	 */
	public static TestDatabase emptyForEachTest() {
		return new TestDatabase(true);
	}

	@Override
	protected void create(String database) throws SQLException {
		server().execute("CREATE DATABASE " + database);
	}

	@Override
	protected void empty() {
		reset();
	}

	@Override
	protected void drop(String database) throws SQLException {
		server().dropDatabase(database);
	}


	/**
	 * Drop every schema of this class's database and create an empty {@code public}
	 * schema, so that each test starts from nothing.
	 */
	public void reset() {
		JdbcTemplate jdbc = jdbc();
		for (String schema : jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
				+ "AND nspname <> 'information_schema'", String.class)) {
			jdbc.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
		}
		jdbc.execute("CREATE SCHEMA public");
	}

	/**
	 * Return the names of the columns of a table, in order, or none if it does not exist.
	 * @param schema the table's schema
	 * @param table the table
	 * @return the column names
	 */
	public List<String> columns(String schema, String table) {
		return jdbc().queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = ? "
				+ "AND table_name = ? ORDER BY ordinal_position", String.class, schema, table);
	}

	/**
	 * Return a dump of a schema's structure (columns, indexes, constraints and views),
	 * without Liquibase's and Lockstep's own tables, one sorted line per object.
	 * @param schema the schema
	 * @return the dump
	 */
	public List<String> schemaDump(String schema) {
		return jdbc().queryForList("""
				SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
				FROM information_schema.columns
				WHERE table_schema = ? AND table_name NOT LIKE 'databasechangelog%' AND table_name <> 'lockstep_fast_path'
				UNION ALL
				SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes
				WHERE schemaname = ? AND tablename NOT LIKE 'databasechangelog%' AND tablename <> 'lockstep_fast_path'
				UNION ALL
				SELECT 'constraint ' || table_name || '.' || constraint_name || ' ' || constraint_type
				FROM information_schema.table_constraints
				WHERE table_schema = ? AND table_name NOT LIKE 'databasechangelog%' AND table_name <> 'lockstep_fast_path'
				AND constraint_type <> 'CHECK'
				UNION ALL
				SELECT 'view ' || table_name || ': ' || view_definition FROM information_schema.views
				WHERE table_schema = ?
				ORDER BY 1""", String.class, schema, schema, schema, schema);
	}

	@Override
	public String schema() {
		return "public";
	}

	@Override
	public String changelogTable() {
		return "databasechangelog";
	}

	@Override
	public List<String> columns(String table) {
		return columns(schema(), table);
	}

	@Override
	public List<String> schemaDump() {
		return schemaDump(schema());
	}

	@Override
	public String url() {
		return server().urlFor(name());
	}

	@Override
	public String username() {
		return server().username();
	}

	@Override
	public String password() {
		return server().password();
	}

	/**
	 * Return the Spring properties that point an application at this database.
	 * @return {@code spring.datasource.*} properties
	 */
	@Override
	public String[] datasourceProperties() {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + username(),
				"spring.datasource.password=" + password() };
	}

	/**
	 * Return an unpooled DataSource for this database.
	 * @return the DataSource
	 */
	@Override
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url(), username(), password());
	}

	/**
	 * Return a JdbcTemplate on this database.
	 * @return the template
	 */
	@Override
	public JdbcTemplate jdbc() {
		return new JdbcTemplate(dataSource());
	}

	/**
	 * Open a new connection to this database.
	 * @return the connection
	 * @throws SQLException on a database error
	 */
	@Override
	public Connection connect() throws SQLException {
		return dataSource().getConnection();
	}

	private static synchronized Server server() {
		if (server == null) {
			server = resolveServer();
		}
		return server;
	}

	private static Server resolveServer() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return new Server(url, env("LOCKSTEP_TEST_POSTGRES_USER", "postgres"),
					env("LOCKSTEP_TEST_POSTGRES_PASSWORD", ""));
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("""
					No PostgreSQL server for the tests. Provide one of:
					  - %s=jdbc:postgresql://HOST:5432/postgres (a user that may create databases; \
					LOCKSTEP_TEST_POSTGRES_USER and LOCKSTEP_TEST_POSTGRES_PASSWORD set the credentials),
					  - a running Docker engine (Testcontainers starts postgres:17-alpine),
					  - a machine where embedded PostgreSQL can start (it failed here: %s)."""
				.formatted(URL_VARIABLE, ex.getMessage()), ex);
		}
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null) ? value : defaultValue;
	}

	private record Server(String adminUrl, String username, String password) {

		String urlFor(String database) {
			String withoutParameters = this.adminUrl.split("\\?", 2)[0];
			int path = withoutParameters.indexOf('/', "jdbc:postgresql://".length());
			return ((path != -1) ? withoutParameters.substring(0, path) : withoutParameters) + "/" + database;
		}

		void execute(String sql) throws SQLException {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

		void dropDatabase(String database) throws SQLException {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
					statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
					return;
				}
				// Before PostgreSQL 13 (no FORCE): end the sessions left behind, and try again
				// while they finish ending.
				for (int attempt = 1;; attempt++) {
					statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
							+ database + "' AND pid <> pg_backend_pid()");
					try {
						statement.execute("DROP DATABASE IF EXISTS " + database);
						return;
					}
					catch (SQLException ex) {
						if (!"55006".equals(ex.getSQLState()) || attempt == 50) {
							throw ex;
						}
						sleep();
					}
				}
			}
		}

		private Connection connect() throws SQLException {
			Properties credentials = new Properties();
			credentials.setProperty("user", this.username);
			credentials.setProperty("password", this.password);
			return DriverManager.getConnection(this.adminUrl, credentials);
		}

		private static void sleep() throws SQLException {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while dropping a test database", ex);
			}
		}

	}

}

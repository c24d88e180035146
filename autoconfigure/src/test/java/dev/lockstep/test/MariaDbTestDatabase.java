package dev.lockstep.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh MariaDB database for one test class, dropped when the class is done. The server
 * is resolved once per JVM: the JDBC URL in {@value #URL_VARIABLE} if set, else a
 * Testcontainers container when Docker is available. A test that gets neither fails and
 * says how to provide one.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static MariaDbTestDatabase database = new MariaDbTestDatabase();
 * </pre>
 */
public final class MariaDbTestDatabase extends ClassDatabase {

	/**
	 * The environment variable with the JDBC URL of a MariaDB server whose user may create
	 * databases, for example {@code jdbc:mariadb://127.0.0.1:3306/};
	 * {@code LOCKSTEP_TEST_MARIADB_USER} (default {@code root}) and
	 * {@code LOCKSTEP_TEST_MARIADB_PASSWORD} (default empty) give the credentials.
	 */
	public static final String URL_VARIABLE = "LOCKSTEP_TEST_MARIADB_URL";

	private static Server server;

	/**
	 * A database for the test class, shared by its tests.
	 */
	public MariaDbTestDatabase() {
		this(false);
	}

	private MariaDbTestDatabase(boolean emptyForEachTest) {
		super(emptyForEachTest);
	}

	/**
	 * A database for the test class that is dropped and created again before each test.
	 * @return the database
	 */
	public static MariaDbTestDatabase emptyForEachTest() {
		return new MariaDbTestDatabase(true);
	}

	@Override
	protected void create(String database) throws SQLException {
		server().execute("CREATE DATABASE " + database);
	}

	@Override
	protected void empty() throws SQLException {
		drop(name());
		create(name());
	}

	@Override
	protected void drop(String database) throws SQLException {
		server().execute("DROP DATABASE IF EXISTS " + database);
	}


	/**
	 * Return this class's database: MariaDB's schemas are its databases.
	 * @return the database's name
	 */
	@Override
	public String schema() {
		return name();
	}

	@Override
	public String changelogTable() {
		return "DATABASECHANGELOG";
	}

	@Override
	public List<String> columns(String table) {
		return jdbc().queryForList("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
				+ "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", String.class, name(), table);
	}

	@Override
	public List<String> schemaDump() {
		String ownTables = "NOT LIKE 'DATABASECHANGELOG%' AND TABLE_NAME <> 'lockstep_fast_path'";
		return jdbc().queryForList("""
				SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME, ' ', DATA_TYPE, ' ', IS_NULLABLE)
				FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME %1$s
				UNION ALL
				SELECT CONCAT('index ', INDEX_NAME, ': ', TABLE_NAME, ' (',
					GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX), ')', IF(NON_UNIQUE = 0, ' unique', ''))
				FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME %1$s
				GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE
				UNION ALL
				SELECT CONCAT('constraint ', TABLE_NAME, '.', CONSTRAINT_NAME, ' ', CONSTRAINT_TYPE)
				FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME %1$s
				AND CONSTRAINT_TYPE <> 'CHECK'
				UNION ALL
				SELECT CONCAT('view ', TABLE_NAME, ': ', VIEW_DEFINITION) FROM information_schema.VIEWS
				WHERE TABLE_SCHEMA = ?
				ORDER BY 1""".formatted(ownTables), String.class, name(), name(), name(), name());
	}

	@Override
	public String username() {
		return server().username();
	}

	@Override
	public String password() {
		return server().password();
	}

	@Override
	public String url() {
		return server().urlFor(name());
	}

	@Override
	public String[] datasourceProperties() {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + server().username(),
				"spring.datasource.password=" + server().password() };
	}

	@Override
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.mariadb.jdbc.Driver(), url(), server().username(),
				server().password());
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
			return new Server(url, env("LOCKSTEP_TEST_MARIADB_USER", "root"), env("LOCKSTEP_TEST_MARIADB_PASSWORD", ""));
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("root");
			container.start();
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		throw new IllegalStateException("""
				No MariaDB server for the tests. Provide one of:
				  - %s=jdbc:mariadb://HOST:3306/ (a user that may create databases; \
				LOCKSTEP_TEST_MARIADB_USER and LOCKSTEP_TEST_MARIADB_PASSWORD set the credentials, \
				by default root with no password),
				  - a running Docker engine (Testcontainers starts mariadb:10.11).""".formatted(URL_VARIABLE));
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null) ? value : defaultValue;
	}

	private record Server(String adminUrl, String username, String password) {

		String urlFor(String database) {
			String[] parts = this.adminUrl.split("\\?", 2);
			int path = parts[0].indexOf('/', "jdbc:mariadb://".length());
			String server = (path != -1) ? parts[0].substring(0, path) : parts[0];
			return server + "/" + database + ((parts.length > 1) ? "?" + parts[1] : "");
		}

		void execute(String sql) throws SQLException {
			try (Connection connection = DriverManager.getConnection(this.adminUrl, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

	}

}

package dev.lockstep.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A PgBouncer process of a test class's own, in front of the server of a
 * {@link TestDatabase}: started on a free port with a generated configuration before the
 * class's tests, stopped when they are done. As a {@link ServerDatabase} it is the test
 * database seen through the pooler. PgBouncer must be installed (the Debian package
 * {@code pgbouncer}); a test without it fails and says so. Register it after the
 * database:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * &#64;Order(1)
 * static TestDatabase database = new TestDatabase();
 *
 * &#64;RegisterExtension
 * &#64;Order(2)
 * static PgBouncer pgBouncer = new PgBouncer(database, PgBouncer.PoolMode.TRANSACTION);
 * </pre>
 */
public final class PgBouncer implements ServerDatabase, BeforeAllCallback, AfterAllCallback {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final TestDatabase database;

	private final PoolMode poolMode;

	private Path directory;

	private Process process;

	private int port;

	/**
	 * Create a new instance.
	 * @param database the database whose server the pooler stands in front of
	 * @param poolMode when the pooler hands a server session back to its pool
	 */
	public PgBouncer(TestDatabase database, PoolMode poolMode) {
		this.database = database;
		this.poolMode = poolMode;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.directory = Files.createTempDirectory("lockstep-pgbouncer");
		this.port = freePort();
		Path configuration = this.directory.resolve("pgbouncer.ini");
		Files.writeString(configuration, configuration(), StandardCharsets.UTF_8);
		// PgBouncer refuses to run as root: there it switches to an unprivileged user, who must
		// be able to read its configuration.
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.setPosixFilePermissions(configuration, PosixFilePermissions.fromString("rw-r--r--"));
		}
		List<String> command = new ArrayList<>(List.of(executable()));
		if (root) {
			command.addAll(List.of("-u", "nobody"));
		}
		command.add(configuration.toString());
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("pgbouncer.log").toFile())
			.start();
		awaitReady();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		if (this.directory != null) {
			FileSystemUtils.deleteRecursively(this.directory);
		}
	}

	/**
	 * Return the pooling mode.
	 * @return the mode
	 */
	public PoolMode poolMode() {
		return this.poolMode;
	}

	/**
	 * Return the JDBC URL of the test database through the pooler. In transaction and
	 * statement pooling the driver prepares no statements on the server
	 * ({@code prepareThreshold=0}), as such poolers ask of it: a statement prepared by one
	 * client's session would meet another client's on the same server session.
	 * @return the URL
	 */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.database.name()
				+ ((this.poolMode != PoolMode.SESSION) ? "?prepareThreshold=0" : "");
	}

	/**
	 * The test database through the pooler. Each application's pool keeps two connections,
	 * so that several applications at once fit in the pooler's server connections in
	 * session pooling, where each client connection holds one for its whole life.
	 */
	@Override
	public String[] datasourceProperties() {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + this.database.username(),
				"spring.datasource.password=" + this.database.password(),
				"spring.datasource.hikari.maximum-pool-size=2" };
	}

	@Override
	public DataSource dataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url(), this.database.username(),
				this.database.password());
	}

	private String configuration() {
		URI server = URI.create(this.database.url().substring("jdbc:".length()));
		return """
				[databases]
				* = host=%s port=%d user=%s%s

				[pgbouncer]
				listen_addr = 127.0.0.1
				listen_port = %d
				unix_socket_dir =
				auth_type = any
				pool_mode = %s
				default_pool_size = 40
				max_client_conn = 500
				ignore_startup_parameters = extra_float_digits,options
				""".formatted(server.getHost(), (server.getPort() != -1) ? server.getPort() : 5432,
				this.database.username(),
				this.database.password().isEmpty() ? "" : " password=" + this.database.password(), this.port,
				this.poolMode.name().toLowerCase(Locale.ROOT));
	}

	private void awaitReady() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("PgBouncer exited (" + this.process.exitValue() + "): " + log());
			}
			try (Connection connection = dataSource().getConnection()) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("PgBouncer did not answer within " + START_TIMEOUT + " (" + last + "): " + log(),
				last);
	}

	private String log() throws IOException {
		return Files.readString(this.directory.resolve("pgbouncer.log"));
	}

	private static String executable() {
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		// Debian installs it in /usr/sbin, on no user's PATH.
		directories.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
		return directories.stream()
			.map((directory) -> Path.of(directory, "pgbouncer"))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("PgBouncer is not installed, and the pooler tests need it: "
					+ "install it (Debian and Ubuntu: apt-get install pgbouncer; macOS: brew install pgbouncer). "
					+ ".ci/run installs it."));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * When PgBouncer hands a server session back to its pool.
	 */
	public enum PoolMode {

		/**
		 * When the client disconnects: each client keeps one server session for its life.
		 */
		SESSION,

		/**
		 * At the end of each transaction.
		 */
		TRANSACTION,

		/**
		 * At the end of each statement (multi-statement transactions are refused).
		 */
		STATEMENT

	}

}

package dev.lockstep.test.template;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.fastpath.ChangelogDigest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ResourceLoader;

/**
 * Fresh PostgreSQL databases with a changelog applied, in milliseconds: the first request
 * applies the changelog once, into a template database named after the fast path's digest
 * of the changelog and its settings, and every request gets
 * {@code CREATE DATABASE ... TEMPLATE} of it instead of a Liquibase run. A changed
 * changeset, file, context, label or parameter gives a new digest, hence a new template;
 * templates of the same prefix with another digest are dropped as stale. Builders in any
 * number of processes build each template once: they take a PostgreSQL advisory lock in
 * the server's maintenance database, and a template exists under its name only once it is
 * complete. A template accepts no connections, so copies of it never fail for want of
 * exclusive access.
 *
 * <pre class="code">
 * TemplateDatabases templates = new TemplateDatabases(new PostgresServer(url, user, password));
 * ClonedDatabase database = templates.create(MigrationSettings.of("classpath:db/changelog/db.changelog-master.yaml"), resourceLoader);
 * ...
 * templates.drop(database);
 * </pre>
 */
public final class TemplateDatabases {

	private static final Log logger = LogFactory.getLog(TemplateDatabases.class);

	/**
	 * The first key of the advisory locks of template builds ("LkTp").
	 */
	private static final int LOCK_CLASS = 0x4C6B5470;

	private static final String FRESH_PREFIX = "lockstep_test_";

	private final PostgresServer server;

	private final String templatePrefix;

	/**
	 * Create a new instance whose template names are derived from each changelog's
	 * location.
	 * @param server the server, with a user that may create databases
	 */
	public TemplateDatabases(PostgresServer server) {
		this(server, "");
	}

	/**
	 * Create a new instance.
	 * @param server the server, with a user that may create databases
	 * @param templatePrefix the prefix of template names, or empty to derive one from each
	 * changelog's location; two projects with changelogs at the same location on one
	 * server need prefixes of their own, or each drops the other's template as stale
	 */
	public TemplateDatabases(PostgresServer server, String templatePrefix) {
		this.server = server;
		this.templatePrefix = templatePrefix;
	}

	/**
	 * Return the server this creates databases on.
	 * @return the server
	 */
	public PostgresServer server() {
		return this.server;
	}

	/**
	 * Create a fresh database with the changelog applied, building its template first if
	 * it is not there yet.
	 * @param settings the changelog and its settings
	 * @param resourceLoader where the changelogs are read from
	 * @return the fresh database
	 */
	public ClonedDatabase create(MigrationSettings settings, ResourceLoader resourceLoader) {
		String name = FRESH_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = this.server.connect()) {
			TemplateName template = templateName(settings, resourceLoader);
			boolean built = ensureTemplate(connection, template, settings, resourceLoader);
			PostgresServer.executeWhenUnused(connection, "CREATE DATABASE " + PostgresServer.quote(name)
					+ " TEMPLATE " + PostgresServer.quote(template.name()));
			return new ClonedDatabase(name, this.server.urlFor(name), this.server.username(), this.server.password(),
					template.name(), built);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create a database from a template on " + this.server.url()
					+ ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Build the template of a changelog if it is not there yet.
	 * @param settings the changelog and its settings
	 * @param resourceLoader where the changelogs are read from
	 * @return the template's name
	 */
	public String ensureTemplate(MigrationSettings settings, ResourceLoader resourceLoader) {
		try (Connection connection = this.server.connect()) {
			TemplateName template = templateName(settings, resourceLoader);
			ensureTemplate(connection, template, settings, resourceLoader);
			return template.name();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not build a template database on " + this.server.url() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Drop a database this created.
	 * @param database the database
	 */
	public void drop(ClonedDatabase database) {
		try (Connection connection = this.server.connect()) {
			PostgresServer.drop(connection, database.name());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop the test database " + database.name() + ": "
					+ ex.getMessage(), ex);
		}
	}

	private TemplateName templateName(MigrationSettings settings, ResourceLoader resourceLoader) {
		try {
			return TemplateName.of(this.templatePrefix, settings.changeLog(),
					ChangelogDigest.of(settings, resourceLoader));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * Make sure the template exists, building it under the advisory lock of its prefix if
	 * it does not, and dropping the stale templates of that prefix.
	 * @return whether this call built it
	 */
	private boolean ensureTemplate(Connection connection, TemplateName template, MigrationSettings settings,
			ResourceLoader resourceLoader) throws SQLException {
		if (PostgresServer.exists(connection, template.name())) {
			return false;
		}
		lock(connection, template, "pg_advisory_lock");
		try {
			if (PostgresServer.exists(connection, template.name())) {
				return false;
			}
			for (String stale : PostgresServer.databasesStartingWith(connection, template.prefix())) {
				logger.info("Dropping the stale template database " + stale);
				PostgresServer.drop(connection, stale);
			}
			build(connection, template, settings, resourceLoader);
			return true;
		}
		finally {
			lock(connection, template, "pg_advisory_unlock");
		}
	}

	private void build(Connection connection, TemplateName template, MigrationSettings settings,
			ResourceLoader resourceLoader) throws SQLException {
		long start = System.nanoTime();
		String building = PostgresServer.quote(template.buildingName());
		PostgresServer.execute(connection, "CREATE DATABASE " + building);
		try {
			TemplateBuilder.migrate(this.server.dataSource(template.buildingName()), settings, resourceLoader,
					"template database " + template.buildingName());
		}
		catch (RuntimeException ex) {
			PostgresServer.drop(connection, template.buildingName());
			throw ex;
		}
		PostgresServer.executeWhenUnused(connection,
				"ALTER DATABASE " + building + " RENAME TO " + PostgresServer.quote(template.name()));
		PostgresServer.execute(connection, "ALTER DATABASE " + PostgresServer.quote(template.name())
				+ " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
		logger.info(String.format(Locale.ROOT, "Built the template database %s for %s in %d ms", template.name(),
				settings.changeLog(), (System.nanoTime() - start) / 1_000_000));
	}

	private static void lock(Connection connection, TemplateName template, String function) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
			statement.setInt(1, LOCK_CLASS);
			statement.setString(2, template.prefix());
			statement.execute();
		}
	}

}

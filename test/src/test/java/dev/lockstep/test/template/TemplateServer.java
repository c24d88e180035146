package dev.lockstep.test.template;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.lockstep.test.TestDatabase;

/**
 * The server of a test class's database as template databases see it, with a template
 * prefix of the test's own, so that tests never drop each other's templates.
 */
final class TemplateServer {

	private final PostgresServer server;

	private final String prefix = ("lockstep_tt_" + UUID.randomUUID().toString().substring(0, 8) + "_")
		.toLowerCase(Locale.ROOT);

	TemplateServer(TestDatabase database) {
		this.server = new PostgresServer(database.url(), database.username(), database.password());
	}

	/**
	 * Return the URL of the server's {@code postgres} database, which outlives the test
	 * class's own (a context's copies are dropped from it when the context cache closes
	 * the context, at the end of the run).
	 */
	static String maintenanceUrl(TestDatabase database) {
		return new PostgresServer(database.url(), database.username(), database.password()).urlFor("postgres");
	}

	PostgresServer server() {
		return this.server;
	}

	String prefix() {
		return this.prefix;
	}

	TemplateDatabases templates() {
		return new TemplateDatabases(this.server, this.prefix);
	}

	List<String> templatesOnServer() throws SQLException {
		try (Connection connection = this.server.connect()) {
			return PostgresServer.databasesStartingWith(connection, this.prefix);
		}
	}

	void dropTemplates() throws SQLException {
		try (Connection connection = this.server.connect()) {
			for (String template : PostgresServer.databasesStartingWith(connection, this.prefix)) {
				PostgresServer.drop(connection, template);
			}
		}
	}

}

package dev.lockstep.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

import org.springframework.util.ClassUtils;

/**
 * Names a database by its JDBC URL for error messages: hosts, ports and database, never
 * credentials or other parameters. A PostgreSQL URL is read by the driver's own parser
 * (which knows its defaults and multi-host URLs); another URL, by its URI form where it
 * has one.
 */
final class DatabaseDescription {

	private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

	private static final boolean POSTGRESQL_DRIVER_PRESENT = ClassUtils.isPresent("org.postgresql.Driver",
			DatabaseDescription.class.getClassLoader());

	private DatabaseDescription() {
	}

	static String of(@Nullable String jdbcUrl) {
		if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
			return "the configured DataSource";
		}
		if (POSTGRESQL_DRIVER_PRESENT && jdbcUrl.startsWith(POSTGRESQL_PREFIX)) {
			String description = PostgresUrl.describe(jdbcUrl);
			if (description != null) {
				return description;
			}
		}
		String withoutParameters = jdbcUrl.split("[?;]", 2)[0];
		try {
			URI uri = URI.create(withoutParameters.substring("jdbc:".length()));
			if (uri.getHost() != null) {
				String database = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
				String hostPort = uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
				return describe(database, hostPort, uri.getScheme());
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a hierarchical URL: fall back to the URL without its parameters.
		}
		return withoutParameters;
	}

	private static String describe(String database, String hosts, String kind) {
		return "database '" + database + "' at " + hosts + " (" + kind + ")";
	}

	/**
	 * Reads a URL with the PostgreSQL driver, kept apart so that the driver is loaded only
	 * when it is on the class path.
	 */
	private static final class PostgresUrl {

		static @Nullable String describe(String jdbcUrl) {
			Properties parsed = Driver.parseURL(jdbcUrl, null);
			if (parsed == null) {
				return null;
			}
			String[] hosts = value(PGProperty.PG_HOST, parsed).split(",");
			String[] ports = value(PGProperty.PG_PORT, parsed).split(",");
			List<String> addresses = new ArrayList<>();
			for (int i = 0; i < hosts.length; i++) {
				addresses.add(hosts[i] + ":" + ports[Math.min(i, ports.length - 1)]);
			}
			return DatabaseDescription.describe(value(PGProperty.PG_DBNAME, parsed), String.join(", ", addresses),
					"postgresql");
		}

		private static String value(PGProperty property, Properties parsed) {
			String value = property.getOrDefault(parsed);
			return (value != null) ? value : "";
		}

	}

}

package dev.lockstep.autoconfigure;

import java.net.URI;

import dev.lockstep.postgres.PostgresUrl;
import org.jspecify.annotations.Nullable;

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
			PostgresUrl url = PostgresUrl.parse(jdbcUrl);
			if (url != null) {
				return describe(url.database(), String.join(", ", url.addresses()), "postgresql");
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

}

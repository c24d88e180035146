package dev.lockstep.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Names a database by its JDBC URL for error messages: host, port and database, never
 * credentials or other parameters.
 */
final class DatabaseDescription {

	private DatabaseDescription() {
	}

	static String of(@Nullable String jdbcUrl) {
		if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
			return "the configured DataSource";
		}
		String withoutParameters = jdbcUrl.split("[?;]", 2)[0];
		try {
			URI uri = URI.create(withoutParameters.substring("jdbc:".length()));
			if (uri.getHost() != null) {
				String database = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
				String hostPort = uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
				return "database '" + database + "' at " + hostPort + " (" + uri.getScheme() + ")";
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a hierarchical URL: fall back to the URL without its parameters.
		}
		return withoutParameters;
	}

}

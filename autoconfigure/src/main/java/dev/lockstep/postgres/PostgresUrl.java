package dev.lockstep.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * A PostgreSQL JDBC URL as the driver's own parser reads it, with its defaults and every
 * host of a multi-host URL; never its credentials or other parameters.
 *
 * @param database the database's name
 * @param addresses each host with its port
 */
public record PostgresUrl(String database, List<String> addresses) {

	/**
	 * Read a URL with the PostgreSQL driver. Load this type only where the driver is on
	 * the class path.
	 * @param jdbcUrl the URL
	 * @return the URL read, or {@code null} if the driver does not take it
	 */
	public static @Nullable PostgresUrl parse(String jdbcUrl) {
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
		return new PostgresUrl(value(PGProperty.PG_DBNAME, parsed), List.copyOf(addresses));
	}

	private static String value(PGProperty property, Properties parsed) {
		String value = property.getOrDefault(parsed);
		return (value != null) ? value : "";
	}

}

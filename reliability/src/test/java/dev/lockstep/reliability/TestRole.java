package dev.lockstep.reliability;

import java.util.Locale;
import java.util.UUID;

import dev.lockstep.test.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A login role of the test's own, with server settings set on it ({@code ALTER ROLE ...
 * SET}), dropped when closed.
 */
final class TestRole implements AutoCloseable {

	private final JdbcTemplate admin;

	private final String name;

	private TestRole(JdbcTemplate admin, String name) {
		this.admin = admin;
		this.name = name;
	}

	/**
	 * Create a role that may do anything in the database, with the given settings.
	 * @param database the database
	 * @param settings {@code name=value} pairs, set on the role
	 * @return the role
	 */
	static TestRole create(TestDatabase database, String... settings) {
		String name = "lockstep_role_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		JdbcTemplate admin = database.jdbc();
		admin.execute("CREATE ROLE " + name + " LOGIN SUPERUSER");
		for (String setting : settings) {
			String[] parts = setting.split("=", 2);
			admin.execute("ALTER ROLE " + name + " SET " + parts[0] + " = '" + parts[1] + "'");
		}
		return new TestRole(admin, name);
	}

	/**
	 * Return the properties that make an application connect as this role.
	 * @return the properties
	 */
	String[] properties() {
		return new String[] { "spring.datasource.username=" + this.name, "spring.datasource.password=" };
	}

	@Override
	public void close() {
		this.admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.name + "'");
		this.admin.execute("DROP OWNED BY " + this.name);
		this.admin.execute("DROP ROLE " + this.name);
	}

}

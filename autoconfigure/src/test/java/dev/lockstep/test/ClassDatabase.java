package dev.lockstep.test;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The life of a database of one test class's own on a real server: created, named after
 * the class, before its tests; emptied before each test if asked; dropped when the class
 * is done. Each server's extension says how.
 */
public abstract class ClassDatabase implements ServerDatabase, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private final boolean emptyForEachTest;

	private String name;

	/**
	 * Create a new instance.
	 * @param emptyForEachTest whether each test starts from an empty database
	 */
	protected ClassDatabase(boolean emptyForEachTest) {
		this.emptyForEachTest = emptyForEachTest;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws SQLException {
		this.name = ("lockstep_" + context.getRequiredTestClass().getSimpleName() + "_"
				+ UUID.randomUUID().toString().substring(0, 8))
			.toLowerCase(Locale.ROOT);
		create(this.name);
	}

	@Override
	public void beforeEach(ExtensionContext context) throws SQLException {
		if (this.emptyForEachTest) {
			empty();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws SQLException {
		drop(this.name);
	}

	/**
	 * Return the name of this class's database.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the JDBC URL of this class's database, without credentials.
	 * @return the URL
	 */
	public abstract String url();

	/**
	 * Return the user name to connect with.
	 * @return the user
	 */
	public abstract String username();

	/**
	 * Return the password to connect with.
	 * @return the password (may be empty)
	 */
	public abstract String password();

	/**
	 * Return the schema Liquibase works in on this database: where its tables and the
	 * changelog's go.
	 * @return the schema
	 */
	public abstract String schema();

	/**
	 * Return the name of Liquibase's changelog table as this database spells it.
	 * @return the name
	 */
	public abstract String changelogTable();

	/**
	 * Return the names of the columns of a table in {@link #schema()}, in order, or none if
	 * it does not exist.
	 * @param table the table
	 * @return the column names
	 */
	public abstract List<String> columns(String table);

	/**
	 * Return a dump of the structure of {@link #schema()} (columns, indexes, constraints and
	 * views), without Liquibase's and Lockstep's own tables, one sorted line per object.
	 * @return the dump
	 */
	public abstract List<String> schemaDump();

	/**
	 * Return the ids in the changelog table in the order they were applied, or none if the
	 * table does not exist.
	 * @return the applied changeset ids
	 */
	public List<String> appliedIds() {
		if (columns(changelogTable()).isEmpty()) {
			return List.of();
		}
		return jdbc().queryForList("SELECT id FROM " + changelogTable() + " ORDER BY orderexecuted", String.class);
	}

	/**
	 * Create a database on the server.
	 * @param database its name
	 * @throws SQLException on a database error
	 */
	protected abstract void create(String database) throws SQLException;

	/**
	 * Empty this class's database, so that a test starts from nothing.
	 * @throws SQLException on a database error
	 */
	protected abstract void empty() throws SQLException;

	/**
	 * Drop a database from the server.
	 * @param database its name
	 * @throws SQLException on a database error
	 */
	protected abstract void drop(String database) throws SQLException;

}

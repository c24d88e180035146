package dev.lockstep.revision;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.sql.DataSource;

import liquibase.CatalogAndSchema;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;

/**
 * The schema that the database at head is compared with: the model built in a scratch
 * schema, or a reference database as it is.
 */
public sealed interface ReferenceSchema {

	/**
	 * Read the reference schema while it exists.
	 * @param <T> what the reader returns
	 * @param reader reads it, through a Liquibase database whose default schema it is
	 * @return what the reader returned
	 * @throws SQLException on a database error
	 * @throws LiquibaseException on an error of Liquibase's
	 */
	<T> T read(SchemaReader<T> reader) throws SQLException, LiquibaseException;

	/**
	 * Return what the reference is, for messages.
	 * @return a description
	 */
	String describe();

	/**
	 * Return the model built in a scratch schema of a database.
	 * @param dataSource the database to build it in
	 * @param statements the statements that create the model
	 * @return the reference
	 */
	static ReferenceSchema scratch(DataSource dataSource, Supplier<List<String>> statements) {
		return new Scratch(dataSource, statements);
	}

	/**
	 * Return the default schema of a reference database, as it is.
	 * @param dataSource the reference database
	 * @return the reference
	 */
	static ReferenceSchema existing(DataSource dataSource) {
		return new Existing(dataSource);
	}

	/**
	 * Reads a schema.
	 *
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface SchemaReader<T> {

		T read(Database database, CatalogAndSchema schema) throws SQLException, LiquibaseException;

	}

	/**
	 * The model, built in a schema of its own that one transaction creates and rolls back,
	 * and that is dropped afterwards where a database cannot roll back DDL. Nothing of it is
	 * ever committed, so no other session sees it, and a process killed in the middle
	 * leaves nothing behind.
	 */
	record Scratch(DataSource dataSource, Supplier<List<String>> statements) implements ReferenceSchema {

		@Override
		public <T> T read(SchemaReader<T> reader) throws SQLException, LiquibaseException {
			List<String> model = this.statements.get();
			String schema = "lockstep_revision_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try {
					execute(connection, "CREATE SCHEMA " + schema);
					connection.setSchema(schema);
					for (String statement : model) {
						execute(connection, statement);
					}
					Database database = DatabaseFactory.getInstance()
						.findCorrectDatabaseImplementation(new JdbcConnection(connection));
					database.setDefaultSchemaName(schema);
					return reader.read(database, new CatalogAndSchema(null, schema));
				}
				finally {
					connection.rollback();
					connection.setAutoCommit(true);
					execute(connection, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
				}
			}
		}

		private static void execute(Connection connection, String sql) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new SQLException("Building the model in a scratch schema failed at: " + sql + ": "
						+ ex.getMessage(), ex.getSQLState(), ex);
			}
		}

		@Override
		public String describe() {
			return "the JPA model";
		}

	}

	/**
	 * A reference database's default schema, read as it is.
	 */
	record Existing(DataSource dataSource) implements ReferenceSchema {

		@Override
		public <T> T read(SchemaReader<T> reader) throws SQLException, LiquibaseException {
			try (Connection connection = this.dataSource.getConnection()) {
				Database database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				return reader.read(database, new CatalogAndSchema(null, database.getDefaultSchemaName()));
			}
		}

		@Override
		public String describe() {
			return "the reference database";
		}

	}

}

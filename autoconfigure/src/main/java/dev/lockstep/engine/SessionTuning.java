package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * One database family's changes to the locked session for the length of a Liquibase run,
 * undone before its pooled connection goes back to the pool.
 */
public interface SessionTuning {

	/**
	 * Return whether this tuning applies to the given connection.
	 * @param connection the connection, possibly wrapped by a pool or a proxy
	 * @return whether it is one of this tuning's database family
	 * @throws SQLException on a database error
	 */
	boolean supports(Connection connection) throws SQLException;

	/**
	 * Tune the session for a run.
	 * @param connection the connection Liquibase runs on
	 * @param defaultSchema the schema Liquibase is configured to work in; {@code null} or
	 * blank for the connection's current schema
	 * @return how to undo the change once the run is over
	 * @throws SQLException on a database error
	 */
	Undo apply(Connection connection, @Nullable String defaultSchema) throws SQLException;

	/**
	 * Undoes a tuning; never throws: a session that cannot be put back is discarded.
	 */
	@FunctionalInterface
	interface Undo extends AutoCloseable {

		/**
		 * Nothing to undo.
		 */
		Undo NONE = () -> {
		};

		@Override
		void close();

	}

}

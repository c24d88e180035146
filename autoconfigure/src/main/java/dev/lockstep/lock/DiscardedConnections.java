package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Discards a connection whose session could not be put back as it was, so that no pool
 * hands it out changed: closing the session frees its locks and settings too.
 */
public final class DiscardedConnections {

	private DiscardedConnections() {
	}

	/**
	 * Abort the connection.
	 * @param connection the session
	 * @param failure why it could not be put back; a failure to discard it is added to it
	 */
	public static void discard(Connection connection, Exception failure) {
		try {
			connection.abort(Runnable::run);
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

}

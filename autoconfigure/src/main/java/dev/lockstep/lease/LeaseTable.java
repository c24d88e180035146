package dev.lockstep.lease;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;

/**
 * The {@code lockstep_lock} table, in portable SQL: one row per lock name held, with its
 * owner and its expiry (epoch milliseconds by the writer's clock). Every change to a row
 * names the owner it expects, so two sessions never both think they hold one lease.
 */
final class LeaseTable {

	static final String TABLE = "lockstep_lock";

	private static final String CREATE = "CREATE TABLE " + TABLE + " (lock_name VARCHAR(255) NOT NULL PRIMARY KEY, "
			+ "owner VARCHAR(64) NOT NULL, application_name VARCHAR(255), client_host VARCHAR(255), "
			+ "expires_at NUMERIC(19) NOT NULL)";

	private LeaseTable() {
	}

	/**
	 * Create the table unless it exists (or another session created it meanwhile).
	 */
	static void ensureExists(Connection connection) throws SQLException {
		if (exists(connection)) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(CREATE);
		}
		catch (SQLException ex) {
			if (!exists(connection)) {
				throw ex;
			}
		}
	}

	private static boolean exists(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT lock_name FROM " + TABLE + " WHERE 1 = 0")) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Insert a lease for a name that has none.
	 * @return whether it was inserted; {@code false} if the name has a lease already
	 */
	static boolean insert(Connection connection, String name, Lease lease) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
				+ " (lock_name, owner, application_name, client_host, expires_at) VALUES (?, ?, ?, ?, ?)")) {
			insert.setString(1, name);
			insert.setString(2, lease.owner());
			insert.setString(3, lease.applicationName());
			insert.setString(4, lease.clientHost());
			insert.setLong(5, lease.expiresAt());
			return insert.executeUpdate() == 1;
		}
		catch (SQLException ex) {
			// Class 23: an integrity constraint, the primary key here.
			if (ex.getSQLState() != null && ex.getSQLState().startsWith("23")) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Read the lease of a name.
	 * @return the lease, or {@code null} if the name has none
	 */
	static @Nullable Lease read(Connection connection, String name) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT owner, application_name, client_host, expires_at FROM " + TABLE + " WHERE lock_name = ?")) {
			select.setString(1, name);
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? new Lease(row.getString(1), row.getString(2), row.getString(3), row.getLong(4))
						: null;
			}
		}
	}

	/**
	 * Replace a lease, if it is still the one read.
	 * @return whether it was replaced
	 */
	static boolean replace(Connection connection, String name, Lease expected, Lease replacement)
			throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET owner = ?, "
				+ "application_name = ?, client_host = ?, expires_at = ? WHERE lock_name = ? AND owner = ? "
				+ "AND expires_at = ?")) {
			update.setString(1, replacement.owner());
			update.setString(2, replacement.applicationName());
			update.setString(3, replacement.clientHost());
			update.setLong(4, replacement.expiresAt());
			update.setString(5, name);
			update.setString(6, expected.owner());
			update.setLong(7, expected.expiresAt());
			return update.executeUpdate() == 1;
		}
	}

	/**
	 * Push a lease's expiry on, if its owner still holds it.
	 * @return whether the owner still held it
	 */
	static boolean renew(Connection connection, String name, String owner, long expiresAt) throws SQLException {
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE " + TABLE + " SET expires_at = ? WHERE lock_name = ? AND owner = ?")) {
			update.setLong(1, expiresAt);
			update.setString(2, name);
			update.setString(3, owner);
			return update.executeUpdate() == 1;
		}
	}

	/**
	 * Delete a lease, if its owner still holds it.
	 * @return whether the owner still held it
	 */
	static boolean delete(Connection connection, String name, String owner) throws SQLException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM " + TABLE + " WHERE lock_name = ? AND owner = ?")) {
			delete.setString(1, name);
			delete.setString(2, owner);
			return delete.executeUpdate() == 1;
		}
	}

	/**
	 * One row of the table.
	 *
	 * @param owner the owning session's unique token
	 * @param applicationName the owner's application name
	 * @param clientHost the owner's host
	 * @param expiresAt when the lease expires unless renewed, in epoch milliseconds
	 */
	record Lease(String owner, @Nullable String applicationName, @Nullable String clientHost, long expiresAt) {

		boolean expired(long now) {
			return now >= this.expiresAt;
		}

		Lease renewedUntil(long expiresAt) {
			return new Lease(this.owner, this.applicationName, this.clientHost, expiresAt);
		}

	}

}

package dev.lockstep.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration lock providers an application has, in order, ending with
 * {@link NoMigrationLock}: picks the one that fits a connection's database.
 */
public final class MigrationLocks {

	private final List<MigrationLockProvider> providers;

	/**
	 * Create a new instance.
	 * @param providers the providers, tried in order before {@link NoMigrationLock}
	 */
	public MigrationLocks(List<? extends MigrationLockProvider> providers) {
		List<MigrationLockProvider> all = new ArrayList<>(providers);
		all.add(new NoMigrationLock());
		this.providers = List.copyOf(all);
	}

	/**
	 * Return the provider for a connection's database.
	 * @param connection the connection
	 * @return the first provider that supports it ({@link NoMigrationLock} at the least)
	 * @throws SQLException on a database error
	 */
	public MigrationLockProvider providerFor(Connection connection) throws SQLException {
		for (MigrationLockProvider provider : this.providers) {
			if (provider.supports(connection)) {
				return provider;
			}
		}
		throw new IllegalStateException("NoMigrationLock supports every connection");
	}

	/**
	 * Return the session that holds a lock, changing nothing on the connection.
	 * @param connection any connection to the database
	 * @param name the lock's name
	 * @return the holder, or empty if the lock is free or the database has no lock of
	 * Lockstep's
	 * @throws SQLException on a database error
	 */
	public Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		return providerFor(connection).holder(connection, name);
	}

}

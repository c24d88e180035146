package dev.lockstep.engine;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockWaitPolicy;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.jvm.JdbcConnection;
import org.jspecify.annotations.Nullable;

/**
 * The connections on which Lockstep currently holds an advisory lock. Liquibase creates
 * its lock service through a service loader, so this is how {@link LockstepLockService}
 * learns that the connection it works on is already protected.
 */
public final class LockedConnections {

	private static final Map<Connection, ChangelogLockWait> locked = new ConcurrentHashMap<>();

	private LockedConnections() {
	}

	/**
	 * Record that the connection holds Lockstep's advisory lock until the returned
	 * registration is closed.
	 * @param connection the connection exactly as Liquibase will be given it
	 * @param wait how to wait for a changelog lock row held by another Liquibase client
	 * @return the registration, to close when the lock is released
	 */
	public static Registration register(Connection connection, ChangelogLockWait wait) {
		locked.put(connection, wait);
		return () -> locked.remove(connection);
	}

	static @Nullable ChangelogLockWait find(Database database) {
		DatabaseConnection connection = database.getConnection();
		if (connection instanceof JdbcConnection jdbcConnection) {
			Connection underlying = jdbcConnection.getUnderlyingConnection();
			return (underlying != null) ? locked.get(underlying) : null;
		}
		return null;
	}

	/**
	 * How to wait for Liquibase's changelog lock row when another Liquibase client (not
	 * Lockstep) holds it.
	 *
	 * @param policy the wait policy, the same as for the advisory lock
	 * @param cancellation ends the wait early
	 */
	public record ChangelogLockWait(LockWaitPolicy policy, CancellationSignal cancellation) {

	}

	/**
	 * Ends a registration.
	 */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}

package dev.lockstep.engine;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockName;
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
	 * Record that the connection holds Lockstep's advisory lock, until the returned
	 * registration is closed. Where the grant holds no advisory lock (a database without
	 * one) nothing is recorded, and Liquibase's lock service behaves as its own.
	 * @param connection the connection exactly as Liquibase will be given it
	 * @param grant the lock the connection holds
	 * @param policy how to wait for a changelog lock row held by another Liquibase client
	 * @param cancellation ends that wait early
	 * @return the registration, to close when the lock is released
	 */
	public static Registration register(Connection connection, LockGrant grant, LockWaitPolicy policy,
			CancellationSignal cancellation) {
		if (!grant.advisory()) {
			return () -> {
			};
		}
		locked.put(connection, new ChangelogLockWait(grant.name(), policy, cancellation));
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
	 * The advisory lock a connection holds, and how to wait for Liquibase's changelog lock
	 * row when another Liquibase client (not Lockstep) holds it.
	 *
	 * @param lockName the advisory lock held: a changelog lock row written under the same
	 * name is provably stale, as its writer no longer holds the lock
	 * @param policy the wait policy, the same as for the advisory lock
	 * @param cancellation ends the wait early
	 */
	public record ChangelogLockWait(LockName lockName, LockWaitPolicy policy, CancellationSignal cancellation) {

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

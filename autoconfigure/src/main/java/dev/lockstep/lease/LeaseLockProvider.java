package dev.lockstep.lease;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.MigrationLockProvider;

/**
 * A lease lock in a table of Lockstep's, for any database: the provider of the databases
 * without a session lock Lockstep supports. Its sessions keep the lease through
 * connections of their own from the migration's data source. A lease outlives a holder
 * that dies by at most its duration; the hosts' clocks must agree to well within it.
 */
public final class LeaseLockProvider implements MigrationLockProvider {

	private final DataSource dataSource;

	private final Duration duration;

	/**
	 * Create a new instance.
	 * @param dataSource the database the migrations run on, for the lease's own connections
	 * @param duration how long a lease lasts unless renewed (a heartbeat renews it every
	 * third of that)
	 */
	public LeaseLockProvider(DataSource dataSource, Duration duration) {
		this.dataSource = dataSource;
		this.duration = duration;
	}

	@Override
	public boolean supports(Connection connection) {
		return true;
	}

	@Override
	public LockSession open(Connection connection, LockName name, LockSessionSettings settings) throws SQLException {
		return LeaseLock.open(this.dataSource, name, settings, this.duration);
	}

	@Override
	public Optional<LockHolder> holder(Connection connection, LockName name) {
		try {
			return LeaseLock.holder(connection, name);
		}
		catch (SQLException ex) {
			// No lease table yet: nobody ever held a lease here.
			return Optional.empty();
		}
	}

	@Override
	public String description() {
		return "lease in table lockstep_lock";
	}

}

package dev.lockstep.mariadb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.MigrationLockProvider;

/**
 * MariaDB's and MySQL's user lock ({@code GET_LOCK} / {@code RELEASE_LOCK}), exclusive
 * only: waiters check what is left to do under it.
 */
public final class MariaDbLockProvider implements MigrationLockProvider {

	@Override
	public boolean supports(Connection connection) throws SQLException {
		return MariaDbConnections.isMariaDbOrMySql(connection);
	}

	@Override
	public LockSession open(Connection connection, LockName name, LockSessionSettings settings) throws SQLException {
		return MariaDbUserLock.open(connection, name);
	}

	@Override
	public Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		return MariaDbUserLock.holder(connection, name);
	}

	@Override
	public String description() {
		return "MariaDB/MySQL user lock (GET_LOCK)";
	}

}

package dev.lockstep.lock;

import java.sql.Connection;
import java.util.Optional;

/**
 * The provider of last resort: for a database without any lock Lockstep supports, a
 * session that takes at once and holds nothing, leaving Liquibase's own lock table as
 * the only guard.
 */
public final class NoMigrationLock implements MigrationLockProvider {

	@Override
	public boolean supports(Connection connection) {
		return true;
	}

	@Override
	public LockSession open(Connection connection, LockName name, LockSessionSettings settings) {
		return new Session(name);
	}

	@Override
	public Optional<LockHolder> holder(Connection connection, LockName name) {
		return Optional.empty();
	}

	@Override
	public String description() {
		return "no lock of Lockstep's (Liquibase's lock table alone)";
	}

	private record Session(LockName name) implements LockSession {

		@Override
		public boolean locks() {
			return false;
		}

		@Override
		public boolean tryAcquire() {
			return true;
		}

		@Override
		public Optional<LockHolder> holder() {
			return Optional.empty();
		}

		@Override
		public void release() {
		}

		@Override
		public void close() {
		}

	}

}

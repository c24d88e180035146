package dev.lockstep.lock;

import java.sql.SQLException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A migration lock held by this process.
 *
 * @param name the lock's name
 * @param mode how it is held
 * @param waited how long this process had waited for the lock when it took it
 * @param previousHolder the session that held it while this process waited, if any
 * @param holdCheck checks that the lock is still held, before each changeset
 */
public record LockGrant(LockName name, Mode mode, Duration waited, @Nullable LockHolder previousHolder,
		HoldCheck holdCheck) {

	/**
	 * A grant of a lock that cannot be lost while its connection works.
	 * @param name the lock's name
	 * @param mode how it is held
	 * @param waited how long this process had waited for the lock when it took it
	 * @param previousHolder the session that held it while this process waited, if any
	 */
	public LockGrant(LockName name, Mode mode, Duration waited, @Nullable LockHolder previousHolder) {
		this(name, mode, waited, previousHolder, HoldCheck.NONE);
	}

	/**
	 * Return whether a database advisory lock is held.
	 * @return {@code false} on databases without one, where Liquibase's own lock table is
	 * all there is
	 */
	public boolean advisory() {
		return this.mode != Mode.NONE;
	}

	/**
	 * Checks that a lock is still held.
	 */
	@FunctionalInterface
	public interface HoldCheck {

		/**
		 * Checks nothing: the lock cannot be lost while its connection works.
		 */
		HoldCheck NONE = () -> {
		};

		/**
		 * Check that the lock is still held.
		 * @throws SQLException if it is not, saying why
		 */
		void verify() throws SQLException;

	}

	/**
	 * How a migration lock is held.
	 */
	public enum Mode {

		/**
		 * Held alone: migrations run under it.
		 */
		EXCLUSIVE,

		/**
		 * Held alongside other waiters and never alongside the exclusive holder, to check
		 * whether anything is left to do while nothing can change.
		 */
		SHARED,

		/**
		 * No advisory lock on this database: Liquibase's own lock table is all there is.
		 */
		NONE

	}

}

package dev.lockstep.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.Throwables;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Liquibase update again when a changeset gave up waiting for a table lock and
 * nothing of it stayed applied: the update resumes at that changeset. When the retries run
 * out, the failure names the sessions that held the lock.
 */
final class LockTimeoutRetries {

	private static final Log logger = LogFactory.getLog(LockTimeoutRetries.class);

	private final @Nullable TableLockTimeout lockTimeout;

	private final LockRetryPolicy policy;

	LockTimeoutRetries(@Nullable TableLockTimeout lockTimeout, LockRetryPolicy policy) {
		this.lockTimeout = lockTimeout;
		this.policy = policy;
	}

	<T> T run(Connection connection, Callable<T> update) throws Exception {
		for (int retry = 1;; retry++) {
			Instant start = Instant.now();
			try {
				return update.call();
			}
			catch (MigrationFailedException ex) {
				if (this.lockTimeout == null || ex.getChangeSet() == null || !this.lockTimeout.isLockTimeout(ex)) {
					throw ex;
				}
				if (ex.isPartlyApplied()) {
					throw blocked(connection, ex, start, "not retried, as statements of it may have run outside a "
							+ "transaction");
				}
				if (retry > this.policy.retries()) {
					throw blocked(connection, ex, start,
							"in each of " + retry + " attempts (lockstep.ddl.lock-retries)");
				}
				Duration pause = this.policy.pauseBefore(retry);
				logger.warn("Changeset " + ex.getChangeSet() + " gave up waiting for a table lock ("
						+ ex.getReason() + "); nothing of it stayed applied; retry " + retry + " of "
						+ this.policy.retries() + " in " + pause.toMillis() + " ms");
				pause(pause);
			}
		}
	}

	private LockstepException blocked(Connection connection, MigrationFailedException failure, Instant start,
			String attempts) {
		String blockedBy;
		try {
			List<String> blockers = this.lockTimeout.blockers(connection, failure, start);
			blockedBy = blockers.isEmpty() ? "no session holds a lock on its tables any more"
					: "blocked by " + String.join("; ", blockers);
		}
		catch (SQLException ex) {
			blockedBy = "the sessions that held its lock could not be read (" + Throwables.rootMessage(ex) + ")";
		}
		return new MigrationFailedException(failure.getChangeSet(), failure.getReason() + ", " + attempts + "; "
				+ blockedBy, failure.isPartlyApplied(), failure);
	}

	private static void pause(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LockWaitCancelledException("a table lock", "interrupted in the pause before the changeset's retry");
		}
	}

}

package dev.lockstep.engine;

import java.time.Duration;

import dev.lockstep.Durations;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.Throwables;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.ChangeSet.RunStatus;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Counts and logs the changesets one Liquibase run applies or rolls back, and names the one
 * that failed.
 */
public class ChangeSetProgress extends AbstractChangeExecListener {

	private static final Log logger = LogFactory.getLog(ChangeSetProgress.class);

	private final int expected;

	private int applied;

	private int rolledBack;

	private long changeSetStart;

	private @Nullable String failedChangeSet;

	/**
	 * Create a new instance.
	 * @param expected how many changesets the run is expected to touch, for the
	 * {@code n/N} in the log lines
	 */
	public ChangeSetProgress(int expected) {
		this.expected = expected;
	}

	@Override
	public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			RunStatus runStatus) {
		this.changeSetStart = System.nanoTime();
	}

	@Override
	public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database, ExecType execType) {
		if (execType == ExecType.EXECUTED || execType == ExecType.RERAN) {
			this.applied++;
			Duration took = Duration.ofNanos(System.nanoTime() - this.changeSetStart);
			logger.info("Applied changeset " + this.applied + "/" + this.expected + " " + changeSet.toString(false)
					+ " in " + Durations.format(took));
		}
	}

	@Override
	public void rolledBack(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
		this.rolledBack++;
		logger.info("Rolled back changeset " + this.rolledBack + "/" + this.expected + " " + changeSet.toString(false));
	}

	@Override
	public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		this.failedChangeSet = changeSet.toString(false);
	}

	@Override
	public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		this.failedChangeSet = changeSet.toString(false);
	}

	/**
	 * Return how many changesets were applied.
	 * @return the number applied
	 */
	public int applied() {
		return this.applied;
	}

	/**
	 * Turn a failed Liquibase run into the exception that explains it: Lockstep's own (a
	 * lock wait that timed out or was cancelled), or one that names the failed changeset
	 * and the database's error.
	 * @param failure what Liquibase threw
	 * @return the exception to throw
	 */
	public LockstepException failure(LiquibaseException failure) {
		LockstepException lockstepException = Throwables.find(failure, LockstepException.class);
		if (lockstepException != null) {
			return lockstepException;
		}
		return new MigrationFailedException(this.failedChangeSet, Throwables.rootMessage(failure), failure);
	}

}

package dev.lockstep.engine;

import java.time.Duration;
import java.util.function.Supplier;

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
import liquibase.exception.PreconditionErrorException;
import liquibase.exception.PreconditionFailedException;
import liquibase.precondition.core.PreconditionContainer.ErrorOption;
import liquibase.precondition.core.PreconditionContainer.FailOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Counts and logs the changesets one Liquibase run applies or rolls back, names the one
 * that failed, and notes whether the run may have left changesets pending. Every
 * changeset is logged at debug level; at info level the first, the last, any that took a
 * second or more, and otherwise at most one a second, so that a run of thousands of small
 * changesets does not double Liquibase's own log.
 */
public class ChangeSetProgress extends AbstractChangeExecListener {

	private static final Log logger = LogFactory.getLog(ChangeSetProgress.class);

	private static final long INFO_INTERVAL = Duration.ofSeconds(1).toNanos();

	private final int expected;

	private int applied;

	private int rolledBack;

	private int recorded;

	private long changeSetStart;

	private long lastInfo;

	private @Nullable String failedChangeSet;

	private boolean mayHaveLeftPending;

	/**
	 * Create a new instance for a run whose size is not known in advance.
	 */
	public ChangeSetProgress() {
		this(0);
	}

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
		if (changeSet.isRunInTransaction()) {
			ChangeSetCommits.skipNextCommit(database);
		}
		if (changeSet.isAlwaysRun()) {
			this.mayHaveLeftPending = true;
		}
	}

	@Override
	public void preconditionFailed(PreconditionFailedException error, FailOption onFail) {
		this.mayHaveLeftPending = true;
	}

	@Override
	public void preconditionErrored(PreconditionErrorException error, ErrorOption onError) {
		this.mayHaveLeftPending = true;
	}

	@Override
	public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database, ExecType execType) {
		ChangeSetCommits.changeSetEnded(database);
		if (execType == ExecType.EXECUTED || execType == ExecType.MARK_RAN) {
			this.recorded++;
		}
		else if (execType == ExecType.FAILED) {
			// With failOnError false: no row, so the next run tries it again.
			this.mayHaveLeftPending = true;
		}
		if (execType == ExecType.EXECUTED || execType == ExecType.RERAN) {
			this.applied++;
			long took = System.nanoTime() - this.changeSetStart;
			log(this.applied, took, () -> "Applied changeset " + count(this.applied) + " " + changeSet.toString(false)
					+ " in " + Durations.format(Duration.ofNanos(took)));
		}
	}

	@Override
	public void rolledBack(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database) {
		this.rolledBack++;
		log(this.rolledBack, 0, () -> "Rolled back changeset " + count(this.rolledBack) + " " + changeSet.toString(false));
	}

	private void log(int done, long took, Supplier<String> message) {
		long now = System.nanoTime();
		if (done == 1 || done == this.expected || took >= INFO_INTERVAL || now - this.lastInfo >= INFO_INTERVAL) {
			this.lastInfo = now;
			logger.info(message.get());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message.get());
		}
	}

	@Override
	public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		this.failedChangeSet = changeSet.toString(false);
	}

	@Override
	public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		ChangeSetCommits.changeSetEnded(database);
		this.failedChangeSet = changeSet.toString(false);
	}

	private String count(int done) {
		return (this.expected > 0) ? done + "/" + this.expected : String.valueOf(done);
	}

	/**
	 * Return whether the run may have left changesets to run at the next start: a
	 * changeset that runs always, one that failed without failing the run, or a
	 * precondition that failed or errored and let the run go on without its changeset.
	 * @return whether changesets may be pending after the run
	 */
	public boolean mayHaveLeftPending() {
		return this.mayHaveLeftPending;
	}

	/**
	 * Return how many rows the run added to the changelog table.
	 * @return the number of changesets executed or marked as ran
	 */
	public int recorded() {
		return this.recorded;
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

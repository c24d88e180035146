package dev.lockstep.engine;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.lockstep.Durations;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.Throwables;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.ChangeSet.RunStatus;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.filter.ShouldRunChangeSetFilter;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
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
 * changeset is logged at debug level, with its position and the run's total; at info
 * level the first, the last, any that took a second or more, and otherwise at most one a
 * second, so that a run of thousands of small changesets does not flood the log. A
 * changeset still running after the heartbeat interval is logged again at every interval,
 * with how long it has run, for operators watching a long init container.
 */
public class ChangeSetProgress extends AbstractChangeExecListener {

	private static final Log logger = LogFactory.getLog(ChangeSetProgress.class);

	private static final long INFO_INTERVAL = Duration.ofSeconds(1).toNanos();

	/**
	 * How often a changeset that is still running is logged by default.
	 */
	public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);

	private static final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lockstep-changeset-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final @Nullable RunFilter runFilter;

	private final Duration heartbeat;

	private int expected;

	private @Nullable ScheduledFuture<?> stillRunning;

	private int applied;

	private int rolledBack;

	private int recorded;

	private long changeSetStart;

	private long lastInfo;

	private @Nullable String failedChangeSet;

	private boolean mayHaveLeftPending;

	private boolean failedPartlyApplied;

	private final RanStatements ranStatements = new RanStatements();

	private List<String> failedStatements = List.of();

	/**
	 * Create a new instance for an update that counts, when its first changeset starts,
	 * how many it will apply: the changesets of the changelog that the contexts and labels
	 * select and that have not run.
	 * @param contexts the run's contexts, or {@code null} for all
	 * @param labelFilter the run's label expression, or {@code null} for all
	 * @param heartbeat how often a changeset that is still running is logged
	 */
	public ChangeSetProgress(@Nullable String contexts, @Nullable String labelFilter, Duration heartbeat) {
		this(0, new RunFilter(contexts, labelFilter), heartbeat);
	}

	/**
	 * Create a new instance.
	 * @param expected how many changesets the run is expected to touch, for the
	 * {@code n/N} in the log lines
	 */
	public ChangeSetProgress(int expected) {
		this(expected, null, DEFAULT_HEARTBEAT);
	}

	private ChangeSetProgress(int expected, @Nullable RunFilter runFilter, Duration heartbeat) {
		this.expected = expected;
		this.runFilter = runFilter;
		this.heartbeat = heartbeat;
	}

	@Override
	public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			RunStatus runStatus) {
		verifyLockHeld(changeSet, database);
		this.ranStatements.changeSetStarts();
		if (this.expected == 0 && this.runFilter != null) {
			this.expected = this.runFilter.count(databaseChangeLog, database);
		}
		this.changeSetStart = System.nanoTime();
		if (changeSet.isRunInTransaction()) {
			ChangeSetCommits.skipNextCommit(database);
		}
		if (changeSet.isAlwaysRun()) {
			this.mayHaveLeftPending = true;
		}
		long start = this.changeSetStart;
		int position = this.applied + 1;
		long period = this.heartbeat.toNanos();
		this.stillRunning = heartbeats.scheduleAtFixedRate(() -> logger.info("Changeset " + count(position) + " "
				+ changeSet.toString(false) + " still running after "
				+ Durations.format(Duration.ofNanos(System.nanoTime() - start))),
				period, period, TimeUnit.NANOSECONDS);
	}

	@Override
	public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
		this.ranStatements.changeStarts(change);
	}

	@Override
	public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
		this.ranStatements.changeRan(change);
	}

	/**
	 * Stop logging the changeset that was running when the run ended, however it ended.
	 */
	public void runEnded() {
		stopHeartbeat();
	}

	private void stopHeartbeat() {
		ScheduledFuture<?> heartbeat = this.stillRunning;
		if (heartbeat != null) {
			heartbeat.cancel(false);
			this.stillRunning = null;
		}
	}

	/**
	 * Stop before a changeset if the migration lock of the run was lost (a lease that
	 * expired or was taken over): another process may be migrating already.
	 */
	private static void verifyLockHeld(ChangeSet changeSet, Database database) {
		ChangelogLockGuard guard = ChangelogLockGuard.find(database);
		if (guard == null) {
			return;
		}
		try {
			guard.holdCheck().verify();
		}
		catch (SQLException ex) {
			throw new MigrationFailedException(changeSet.toString(false),
					"not started, as the " + guard.lockName() + " was lost: " + ex.getMessage(), ex);
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
		stopHeartbeat();
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
		stopHeartbeat();
		ChangeSetCommits.changeSetEnded(database);
		this.failedChangeSet = changeSet.toString(false);
		this.failedPartlyApplied = !changeSet.isRunInTransaction() || ddlCommits(database);
		this.failedStatements = this.failedPartlyApplied ? this.ranStatements.mayHaveRun(database) : List.of();
	}

	/**
	 * Return whether the database commits each DDL statement as it runs it, so that a
	 * failed changeset's transaction cannot roll back what ran of it. Liquibase's own
	 * flag says no for most databases that do; the driver's metadata knows.
	 */
	private static boolean ddlCommits(Database database) {
		if (!database.supportsDDLInTransaction()) {
			return true;
		}
		try {
			return database.getConnection() instanceof JdbcConnection connection
					&& connection.getUnderlyingConnection().getMetaData().dataDefinitionCausesTransactionCommit();
		}
		catch (SQLException ex) {
			logger.debug("Could not tell whether the database commits DDL as it runs it", ex);
			return false;
		}
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
	 * and the database's error, and says whether statements of it may have stayed applied,
	 * naming them.
	 * @param failure what Liquibase threw
	 * @return the exception to throw
	 */
	public LockstepException failure(LiquibaseException failure) {
		stopHeartbeat();
		LockstepException lockstepException = Throwables.find(failure, LockstepException.class);
		if (lockstepException != null) {
			return lockstepException;
		}
		return new MigrationFailedException(this.failedChangeSet, Throwables.rootMessage(failure),
				this.failedPartlyApplied, this.failedStatements, failure);
	}

	/**
	 * Selects the changesets an update will apply, as Liquibase's own filters do.
	 */
	private record RunFilter(@Nullable String contexts, @Nullable String labelFilter) {

		int count(DatabaseChangeLog changeLog, Database database) {
			try {
				List<ChangeSetFilter> filters = List.of(new ShouldRunChangeSetFilter(database),
						new ContextChangeSetFilter(new Contexts(this.contexts)),
						new LabelChangeSetFilter(new LabelExpression(this.labelFilter)),
						new DbmsChangeSetFilter(database));
				int count = 0;
				for (ChangeSet changeSet : changeLog.getChangeSets()) {
					if (filters.stream().allMatch((filter) -> filter.accepts(changeSet).isAccepted())) {
						count++;
					}
				}
				return count;
			}
			catch (DatabaseException ex) {
				logger.debug("Could not count the changesets to apply: " + ex.getMessage());
				return 0;
			}
		}

	}

}

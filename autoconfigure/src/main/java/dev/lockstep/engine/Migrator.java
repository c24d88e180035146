package dev.lockstep.engine;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.lockstep.DatabaseUnreachableException;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.Throwables;
import dev.lockstep.engine.OperationPlanner.Plan;
import dev.lockstep.lock.CancellationSignal;
import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockWaitPolicy;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.ValidationFailedException;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.statement.core.RemoveChangeSetRanStatusStatement;
import liquibase.ui.LoggerUIService;

import org.springframework.core.io.ResourceLoader;

/**
 * Alembic's operations on a Liquibase changelog: current, history, upgrade, downgrade,
 * stamp, their SQL, and validate. Every operation that writes runs under the migration
 * lock, on the connection that holds it, and plans and refuses under it too, so two
 * operations issued at once serialize and the second sees what the first did. A refused
 * operation changes nothing.
 */
public final class Migrator {

	private static final String SUMMARY_OUTPUT = "liquibase.command.showSummaryOutput";

	private final DataSource dataSource;

	private final ResourceAccessor resources;

	private final MigrationSettings settings;

	private final LockedLiquibaseRunner runner;

	private final MigrationObservation observation;

	/**
	 * Create a new instance.
	 * @param dataSource where to migrate
	 * @param resourceLoader loads the changelog
	 * @param settings what to migrate
	 * @param runner takes the migration lock and runs Liquibase on its connection
	 */
	public Migrator(DataSource dataSource, ResourceLoader resourceLoader, MigrationSettings settings,
			LockedLiquibaseRunner runner) {
		this(dataSource, new SpringResourceAccessor(resourceLoader), settings, runner,
				MigrationObservation.none(Migrators.DEFAULT));
	}

	private Migrator(DataSource dataSource, ResourceAccessor resources, MigrationSettings settings,
			LockedLiquibaseRunner runner, MigrationObservation observation) {
		this.dataSource = dataSource;
		this.resources = resources;
		this.settings = settings;
		this.runner = runner;
		this.observation = observation;
	}

	/**
	 * Return a migrator whose upgrades, downgrades and stamps are observed.
	 * @param observation the observation around each operation
	 * @return the migrator
	 */
	public Migrator observedBy(MigrationObservation observation) {
		return new Migrator(this.dataSource, this.resources, this.settings, this.runner, observation);
	}

	/**
	 * Return a migrator that waits for the migration lock as the given policy says, for
	 * callers that must not wait long (a request thread), and reports the lock to the
	 * given listener.
	 * @param waitPolicy the policy
	 * @param lockListener told of the lock's progress
	 * @return the migrator
	 */
	public Migrator withWaitPolicy(LockWaitPolicy waitPolicy, LockListener lockListener) {
		return new Migrator(this.dataSource, this.resources, this.settings, this.runner.with(waitPolicy, lockListener),
				this.observation);
	}

	/**
	 * Return the database this migrates.
	 * @return the data source
	 */
	public DataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * Return what this migrates.
	 * @return the settings
	 */
	public MigrationSettings getMigrationSettings() {
		return this.settings;
	}

	/**
	 * Return the session that holds the migration lock now, if any.
	 * @return the holder, or empty if the lock is free (or the database has no advisory
	 * lock)
	 */
	public Optional<LockHolder> lockHolder() {
		try (Connection connection = connect()) {
			return this.runner.locks().holder(connection, this.settings.lockName(connection));
		}
		catch (SQLException ex) {
			throw new MigrationFailedException(null, Throwables.rootMessage(ex), ex);
		}
	}

	/**
	 * Return the current revision, the head and what is pending.
	 * @return the status
	 */
	public MigrationStatus status() {
		return MigrationStatus.of(history());
	}

	/**
	 * Return every changeset in changelog order with its state, followed by the applied
	 * changesets the changelog no longer has.
	 * @return the history
	 */
	public MigrationHistory history() {
		return read(HistoryReader::read);
	}

	/**
	 * Check the changelog and how it matches the database, changing nothing.
	 * @return what is wrong, if anything
	 */
	public ValidationReport validate() {
		return read((session) -> {
			MigrationHistory history = HistoryReader.read(session);
			List<String> errors = new ArrayList<>();
			try {
				validateChangelog(session);
			}
			catch (OperationRefusedException ex) {
				errors.add(ex.getMessage());
			}
			return new ValidationReport(errors, revisionsIn(history, ChangeSetState.CHANGED),
					revisionsIn(history, ChangeSetState.MISSING_FROM_CHANGELOG));
		});
	}

	/**
	 * Return the SQL each pending changeset would run, as Liquibase generates it for the
	 * connected database, changing nothing.
	 * @param wholeChangelog whether to return every changeset the contexts and labels
	 * select, applied or not, rather than the pending ones
	 * @return the changesets' SQL, in changelog order
	 */
	public ChangelogSql changeSetSql(boolean wholeChangelog) {
		return read((session) -> {
			MigrationHistory history = HistoryReader.read(session);
			List<HistoryEntry> entries = wholeChangelog ? history.entries()
				.stream()
				.filter((entry) -> entry.state() != ChangeSetState.FILTERED
						&& entry.state() != ChangeSetState.MISSING_FROM_CHANGELOG)
				.toList() : history.pending();
			List<ChangeSetSql> changeSets = new ArrayList<>();
			for (ChangeSet changeSet : changeSets(entries, session)) {
				changeSets.add(ChangeSetSql.of(changeSet, session.database()));
			}
			return new ChangelogSql(session.database().getShortName(), changeSets);
		});
	}

	/**
	 * Apply pending changesets up to the target ({@code head}, {@code +N}, a tag or a
	 * changeset).
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what ran, or would run
	 * @throws OperationRefusedException if the target is wrong for an upgrade
	 */
	public OperationResult upgrade(String target, boolean dryRun) {
		return run(Operation.UPGRADE, target, dryRun);
	}

	/**
	 * Roll back applied changesets down to the target ({@code -N}, a tag, a changeset, a
	 * date-time or {@code base}).
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what was rolled back, or would be
	 * @throws OperationRefusedException if the target is wrong for a downgrade or a
	 * changeset in the range has no rollback
	 */
	public OperationResult downgrade(String target, boolean dryRun) {
		return run(Operation.DOWNGRADE, target, dryRun);
	}

	/**
	 * Record changesets as applied up to the target, or as not applied down to it, without
	 * running them or their rollbacks.
	 * @param target the target
	 * @param dryRun whether to return the SQL instead of running it
	 * @return what was recorded, or would be
	 */
	public OperationResult stamp(String target, boolean dryRun) {
		return run(Operation.STAMP, target, dryRun);
	}

	/**
	 * Free Liquibase's changelog lock row if a Lockstep process that no longer runs left it
	 * (killed while it migrated), so that other Liquibase clients need not wait for it. Runs
	 * under the migration lock: while it is held, no Lockstep process is migrating, so a
	 * row marked as Lockstep's is provably stale. A row held by another client is left alone.
	 * @return what was found and done
	 */
	public ChangelogLockRelease releaseLocks() {
		return write((session) -> {
			LockService locks = LockServiceFactory.getInstance().getLockService(session.database());
			DatabaseChangeLogLock[] rows = locks.listLocks();
			String table = session.database().getLiquibaseSchemaName() + "."
					+ session.database().getDatabaseChangeLogLockTableName();
			String lockedBy = (rows.length > 0) ? rows[0].getLockedBy() + " since " + rows[0].getLockGranted() : null;
			boolean released = locks.acquireLock();
			if (released) {
				locks.releaseLock();
			}
			return new ChangelogLockRelease(table, lockedBy, released);
		});
	}

	private OperationResult run(Operation operation, String targetText, boolean dryRun) {
		return this.observation.observe(operation.name().toLowerCase(Locale.ROOT), dryRun,
				() -> runObserved(operation, targetText, dryRun));
	}

	private OperationResult runObserved(Operation operation, String targetText, boolean dryRun) {
		MigrationTarget target = MigrationTarget.parse(targetText);
		long start = System.nanoTime();
		SessionWork<OperationResult> work = (session) -> {
			validateChangelog(session);
			MigrationHistory before = HistoryReader.read(session);
			Plan plan = switch (operation) {
				case UPGRADE -> OperationPlanner.upgrade(target, before);
				case DOWNGRADE -> OperationPlanner.downgrade(target, before);
				case STAMP -> OperationPlanner.stamp(target, before);
			};
			String sql = null;
			CurrentRevision after = before.current();
			if (dryRun) {
				sql = sql(operation, plan, session);
			}
			else if (!plan.changeSets().isEmpty()) {
				execute(operation, plan, session);
				session.resetHistoryCache();
				after = CurrentRevision.of(session.ranChangeSets()).orElse(null);
			}
			return new OperationResult(operation, targetText, dryRun, plan.revisions(), sql, before.current(), after,
					Duration.ofNanos(System.nanoTime() - start));
		};
		return dryRun ? read(work) : write(work);
	}

	private void execute(Operation operation, Plan plan, LiquibaseSession session) throws LiquibaseException {
		ChangeSetProgress progress = new ChangeSetProgress(plan.changeSets().size());
		session.liquibase().setChangeExecListener(progress);
		try {
			switch (operation) {
				case UPGRADE -> upgrade(plan, session, progress);
				case DOWNGRADE -> session.liquibase()
					.rollback(plan.changeSets().size(), null, new Contexts(), new LabelExpression());
				case STAMP -> stamp(plan, session);
			}
		}
		catch (LiquibaseException ex) {
			throw progress.failure(ex);
		}
		finally {
			progress.runEnded();
		}
	}

	/**
	 * Apply the plan's changesets, again from the one that failed when it gave up waiting
	 * for a table lock.
	 */
	private void upgrade(Plan plan, LiquibaseSession session, ChangeSetProgress progress) throws LiquibaseException {
		Connection connection = ((JdbcConnection) session.database().getConnection()).getUnderlyingConnection();
		try {
			this.runner.retryingLockTimeouts(connection, () -> {
				try {
					session.liquibase()
						.update(plan.changeSets().size() - progress.applied(), session.contexts(), session.labels());
				}
				catch (LiquibaseException ex) {
					throw progress.failure(ex);
				}
				return null;
			});
		}
		catch (LiquibaseException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MigrationFailedException(null, Throwables.rootMessage(ex), ex);
		}
	}

	private String sql(Operation operation, Plan plan, LiquibaseSession session) throws LiquibaseException {
		if (plan.changeSets().isEmpty()) {
			return "";
		}
		StringWriter sql = new StringWriter();
		switch (operation) {
			case UPGRADE -> session.liquibase()
				.update(plan.changeSets().size(), session.contexts(), session.labels(), sql);
			case DOWNGRADE -> session.liquibase()
				.rollback(plan.changeSets().size(), null, new Contexts(), new LabelExpression(), sql);
			case STAMP -> {
				for (SqlStatement statement : stampStatements(plan, session)) {
					for (Sql generated : SqlGeneratorFactory.getInstance().generateSql(statement, session.database())) {
						sql.append(generated.toSql()).append(generated.getEndDelimiter()).append('\n');
					}
				}
			}
		}
		return sql.toString();
	}

	private void stamp(Plan plan, LiquibaseSession session) throws LiquibaseException {
		Database database = session.database();
		LockService changelogLock = LockServiceFactory.getInstance().getLockService(database);
		changelogLock.waitForLock();
		try {
			Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database).init();
			for (ChangeSet changeSet : changeSets(plan, session)) {
				if (plan.up()) {
					database.markChangeSetExecStatus(changeSet, ExecType.EXECUTED);
				}
				else {
					database.removeRanStatus(changeSet);
				}
			}
			database.commit();
		}
		finally {
			changelogLock.releaseLock();
		}
	}

	private List<SqlStatement> stampStatements(Plan plan, LiquibaseSession session) throws LiquibaseException {
		List<SqlStatement> statements = new ArrayList<>();
		for (ChangeSet changeSet : changeSets(plan, session)) {
			statements.add(plan.up() ? new MarkChangeSetRanStatement(changeSet, ExecType.EXECUTED)
					: new RemoveChangeSetRanStatusStatement(changeSet));
		}
		return statements;
	}

	private List<ChangeSet> changeSets(Plan plan, LiquibaseSession session) throws LiquibaseException {
		return changeSets(plan.changeSets(), session);
	}

	private List<ChangeSet> changeSets(List<HistoryEntry> entries, LiquibaseSession session)
			throws LiquibaseException {
		DatabaseChangeLog changeLog = session.liquibase().getDatabaseChangeLog();
		List<ChangeSet> changeSets = new ArrayList<>();
		for (HistoryEntry entry : entries) {
			Revision revision = entry.revision();
			ChangeSet changeSet = changeLog.getChangeSet(revision.changeLog(), revision.author(), revision.id());
			changeSets.add((changeSet != null) ? changeSet : new ChangeSet(revision.id(), revision.author(), false,
					false, revision.changeLog(), null, null, changeLog));
		}
		return changeSets;
	}

	private void validateChangelog(LiquibaseSession session) throws LiquibaseException {
		try {
			DatabaseChangeLog changeLog = session.liquibase().getDatabaseChangeLog();
			changeLog.validate(session.database(), session.contexts(), session.labels());
		}
		catch (ValidationFailedException ex) {
			throw new OperationRefusedException(Reason.INVALID_CHANGELOG,
					"The changelog fails validation: " + ex.getMessage().strip());
		}
	}

	private static List<Revision> revisionsIn(MigrationHistory history, ChangeSetState state) {
		return history.entries().stream().filter((entry) -> entry.state() == state).map(HistoryEntry::revision).toList();
	}

	private <T> T read(SessionWork<T> work) {
		try (Connection connection = connect()) {
			return inSession(connection, work);
		}
		catch (SQLException ex) {
			throw new MigrationFailedException(null, Throwables.rootMessage(ex), ex);
		}
	}

	private <T> T write(SessionWork<T> work) {
		try (Connection connection = connect()) {
			return this.runner.run(connection, this.settings, new CancellationSignal(), null,
					(locked, grant) -> inSession(locked.getConnection(), work));
		}
		catch (SQLException ex) {
			throw new MigrationFailedException(null, Throwables.rootMessage(ex), ex);
		}
	}

	private <T> T inSession(Connection connection, SessionWork<T> work) {
		try {
			// Liquibase's own output goes to the log: in command mode, stdout is the report's.
			return Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService(), SUMMARY_OUTPUT, "LOG",
					Scope.Attr.resourceAccessor.name(), this.resources), () -> {
				try (LiquibaseSession session = LiquibaseSession.open(connection, this.resources, this.settings)) {
					return work.run(session);
				}
			});
		}
		catch (LockstepException ex) {
			throw ex;
		}
		catch (Exception ex) {
			LockstepException lockstepException = Throwables.find(ex, LockstepException.class);
			if (lockstepException != null) {
				throw lockstepException;
			}
			throw new MigrationFailedException(null, Throwables.rootMessage(ex), ex);
		}
	}

	private Connection connect() {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException | RuntimeException ex) {
			throw new DatabaseUnreachableException("the migration database", ex);
		}
	}

	@FunctionalInterface
	private interface SessionWork<T> {

		T run(LiquibaseSession session) throws LiquibaseException;

	}

}

package dev.lockstep.startup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.lockstep.DatabaseUnreachableException;
import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.PendingChangesetsException;
import dev.lockstep.Throwables;
import dev.lockstep.engine.ChangeSetProgress;
import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.engine.LockedConnections;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.event.MigrationFailedEvent;
import dev.lockstep.event.MigrationStartedEvent;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.lock.AdvisoryLockTemplate;
import dev.lockstep.lock.LockGrant;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.commandline.LiquibaseCommandLineConfiguration;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.integration.spring.SpringResourceAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A {@link SpringLiquibase} that applies pending changesets while holding the migration
 * lock, on the very connection that holds it: if that connection dies, the work and the
 * lock die together. Being a {@code SpringLiquibase}, it keeps every
 * {@code spring.liquibase.*} setting and everything Spring Boot builds on that type (its
 * own Liquibase bean backs off, database initializers wait for it, and
 * {@code /actuator/liquibase} reports it).
 */
public class LockstepSpringLiquibase extends SpringLiquibase implements ApplicationEventPublisherAware {

	private static final Log logger = LogFactory.getLog(LockstepSpringLiquibase.class);

	private final LockWaitPolicy waitPolicy;

	private final LockSessionSettings sessionSettings;

	private @Nullable String lockName;

	private LockstepMode mode = LockstepMode.MIGRATE;

	private OnPending onPending = OnPending.FAIL;

	private boolean fastPathEnabled = true;

	private @Nullable RecordingResourceAccessor resources;

	private boolean fastPathEligible;

	private @Nullable FastPath fastPath;

	private @Nullable String summaryWhenDone;

	private String databaseDescription = "the migration database";

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable ChangeSetProgress progress;

	private @Nullable CurrentRevision current;

	/**
	 * Create a new instance.
	 * @param waitPolicy how to wait for a lock held elsewhere
	 * @param sessionSettings how the lock session presents itself to the database
	 */
	public LockstepSpringLiquibase(LockWaitPolicy waitPolicy, LockSessionSettings sessionSettings) {
		this.waitPolicy = waitPolicy;
		this.sessionSettings = sessionSettings;
	}

	/**
	 * Set the lock's name, in place of the one derived from the changelog table.
	 * @param lockName the name, or {@code null} to derive it
	 */
	public void setLockName(@Nullable String lockName) {
		this.lockName = lockName;
	}

	/**
	 * Set what to do with the schema at startup.
	 * @param mode the mode
	 */
	public void setMode(LockstepMode mode) {
		this.mode = mode;
	}

	/**
	 * Set what {@link LockstepMode#VALIDATE} does when changesets are pending.
	 * @param onPending what to do
	 */
	public void setOnPending(OnPending onPending) {
		this.onPending = onPending;
	}

	/**
	 * Set whether a start with nothing pending may skip Liquibase (see {@link FastPath}).
	 * @param fastPathEnabled whether the fast path is enabled
	 */
	public void setFastPathEnabled(boolean fastPathEnabled) {
		this.fastPathEnabled = fastPathEnabled;
	}

	/**
	 * Set how error messages name the database (never with credentials).
	 * @param databaseDescription the description
	 */
	public void setDatabaseDescription(String databaseDescription) {
		this.databaseDescription = databaseDescription;
	}

	/**
	 * Set the registry that observes the startup run, so traces show the migration.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void afterPropertiesSet() throws LiquibaseException {
		if (!this.shouldRun || !LiquibaseCommandLineConfiguration.SHOULD_RUN.getCurrentValue()) {
			super.afterPropertiesSet();
			return;
		}
		if (this.mode == LockstepMode.OFF) {
			logger.info("Lockstep: migrations do not run at startup (lockstep.mode is off)");
			return;
		}
		if (this.mode == LockstepMode.VALIDATE) {
			validatePending();
			return;
		}
		Observation.createNotStarted("lockstep.migration", this.observationRegistry)
			.contextualName("lockstep startup migration")
			.lowCardinalityKeyValue("operation", "startup")
			.observe(this::migrateUnderLock);
	}

	private void migrateUnderLock() {
		long start = System.nanoTime();
		this.eventPublisher.publishEvent(new MigrationStartedEvent(this));
		try (ShutdownSignal shutdown = ShutdownSignal.register(); Connection connection = openConnection()) {
			FastPath fastPath = new FastPath(migrationSettings(), this.resourceLoader);
			this.fastPath = fastPath;
			FastPath.Current upToDate = fastPathAllowed() ? fastPath.check(connection) : null;
			if (upToDate != null) {
				finish(new StartupMigrationResult(0, Duration.ofNanos(System.nanoTime() - start), null,
						upToDate.revision()));
				return;
			}
			AdvisoryLockTemplate lock = new AdvisoryLockTemplate(this.waitPolicy, this.sessionSettings,
					new StartupLockListener(this, this.eventPublisher));
			finish(lock.execute(connection, migrationSettings().lockName(connection), shutdown,
					(grant) -> migrate(connection, grant, shutdown, fastPath, start)));
		}
		catch (LockstepException ex) {
			if (ex instanceof LockWaitCancelledException) {
				logger.warn(ex.getMessage());
			}
			throw failed(ex);
		}
		catch (SQLException ex) {
			throw failed(new MigrationFailedException(null, Throwables.rootMessage(ex), ex));
		}
	}

	private void validatePending() {
		List<String> pending;
		try {
			pending = new Migrator(getDataSource(), this.resourceLoader, migrationSettings(), this.waitPolicy,
					this.sessionSettings, LockListener.NONE)
				.history()
				.pending()
				.stream()
				.map((entry) -> entry.revision().fullName())
				.toList();
		}
		catch (LockstepException ex) {
			throw failed(ex);
		}
		if (pending.isEmpty()) {
			logger.info("Lockstep: the schema is up to date (lockstep.mode is validate)");
		}
		else if (this.onPending == OnPending.REPORT) {
			logger.warn("Lockstep: " + pending.size() + " changesets are pending and lockstep.mode is validate; "
					+ "starting anyway (lockstep.validate.on-pending is report): " + String.join(", ", pending));
		}
		else {
			throw failed(new PendingChangesetsException(pending));
		}
	}

	private void finish(StartupMigrationResult result) {
		logger.info(result.summary());
		this.eventPublisher.publishEvent(new MigrationsAppliedEvent(this, result));
	}

	private LockstepException failed(LockstepException failure) {
		this.eventPublisher.publishEvent(new MigrationFailedEvent(this, failure));
		return failure;
	}

	private Connection openConnection() {
		try {
			return getDataSource().getConnection();
		}
		catch (SQLException | RuntimeException ex) {
			throw new DatabaseUnreachableException(this.databaseDescription, ex);
		}
	}

	/**
	 * Return what this bean migrates, for the operations engine.
	 * @return the settings
	 */
	public MigrationSettings migrationSettings() {
		return new MigrationSettings(getChangeLog(), getContexts(), getLabelFilter(),
				(this.parameters != null) ? this.parameters : Map.of(), this.defaultSchema, this.liquibaseSchema,
				this.databaseChangeLogTable, this.databaseChangeLogLockTable, this.lockName);
	}

	private StartupMigrationResult migrate(Connection connection, LockGrant grant, ShutdownSignal shutdown,
			FastPath fastPath, long start) throws SQLException {
		if (fastPathAllowed() && grant.previousHolder() != null) {
			// The holder we waited for has just migrated and recorded its state: if it ran
			// what we would run, there is nothing left for Liquibase to do.
			FastPath.Current upToDate = fastPath.check(connection);
			if (upToDate != null) {
				return new StartupMigrationResult(0, Duration.ofNanos(System.nanoTime() - start), grant,
						upToDate.revision());
			}
		}
		DataSource original = getDataSource();
		SingleConnectionDataSource lockConnection = new SingleConnectionDataSource(connection, true);
		this.progress = null;
		this.current = null;
		setDataSource(lockConnection);
		try (LockedConnections.Registration registration = LockedConnections
			.register(lockConnection.getConnection(), grant, this.waitPolicy, shutdown)) {
			this.fastPathEligible = false;
			super.afterPropertiesSet();
			rememberForFastPath(connection, fastPath);
			return new StartupMigrationResult(progress().applied(), Duration.ofNanos(System.nanoTime() - start), grant,
					this.current);
		}
		catch (LiquibaseException ex) {
			throw progress().failure(ex);
		}
		finally {
			setDataSource(original);
		}
	}

	private void rememberForFastPath(Connection connection, FastPath fastPath) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.commit();
			connection.setAutoCommit(true);
		}
		try {
			if (fastPathAllowed() && this.fastPathEligible && this.resources != null && this.summaryWhenDone != null) {
				fastPath.record(connection, this.resources.manifest(), this.summaryWhenDone);
			}
			else {
				fastPath.forget(connection);
			}
		}
		catch (SQLException | IOException ex) {
			// The migration is done; without the state the next start takes the full path.
			logger.warn("Lockstep could not store its fast path state: " + ex.getMessage());
		}
	}

	/**
	 * A customizer can change anything, and drop-first drops the schema at every start:
	 * neither can be seen by the fast path.
	 */
	private boolean fastPathAllowed() {
		return this.fastPathEnabled && this.customizer == null && !isDropFirst();
	}

	@Override
	protected SpringResourceAccessor createResourceOpener() {
		this.resources = new RecordingResourceAccessor(this.resourceLoader);
		return this.resources;
	}

	private ChangeSetProgress progress() {
		return (this.progress != null) ? this.progress : new ChangeSetProgress(0);
	}

	@Override
	protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
		int pending = liquibase
			.listUnrunChangeSets(new Contexts(getContexts()), new LabelExpression(getLabelFilter()), false)
			.size();
		this.progress = new ChangeSetProgress(pending);
		liquibase.setChangeExecListener(this.progress);
		super.performUpdate(liquibase);
		// Take the summary first, then check that nothing is pending against the table as it
		// is from then on: a change in between (a CLI rollback) makes the check fail.
		Database database = liquibase.getDatabase();
		this.summaryWhenDone = (this.fastPath != null)
				? this.fastPath.summary(((JdbcConnection) database.getConnection()).getUnderlyingConnection()) : null;
		Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database).reset();
		// Changesets that run always, or that stayed pending (a failed precondition that
		// continues), must meet Liquibase at every start.
		this.fastPathEligible = liquibase.getDatabaseChangeLog()
			.getChangeSets()
			.stream()
			.noneMatch(ChangeSet::shouldAlwaysRun)
				&& liquibase
					.listUnrunChangeSets(new Contexts(getContexts()), new LabelExpression(getLabelFilter()), false)
					.isEmpty();
		this.current = CurrentRevision.of(Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(liquibase.getDatabase())
			.getRanChangeSets()).orElse(null);
	}

}

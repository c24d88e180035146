package dev.lockstep.startup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.lockstep.LintFindingsException;
import dev.lockstep.LockWaitCancelledException;
import dev.lockstep.LockstepException;
import dev.lockstep.MigrationFailedException;
import dev.lockstep.PendingChangesetsException;
import dev.lockstep.Throwables;
import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationObservation;
import dev.lockstep.engine.Migrator;
import dev.lockstep.event.MigrationFailedEvent;
import dev.lockstep.event.MigrationSource;
import dev.lockstep.event.MigrationStartedEvent;
import dev.lockstep.event.StartupMigrationResult;
import dev.lockstep.event.MigrationsAppliedEvent;
import dev.lockstep.fastpath.FastPath;
import dev.lockstep.fastpath.UpToDate;
import dev.lockstep.lint.LintFinding;
import dev.lockstep.lint.LintOnStartup;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.MigrationLint;
import dev.lockstep.lock.LockGrant;
import liquibase.exception.LiquibaseException;
import liquibase.integration.commandline.LiquibaseCommandLineConfiguration;
import liquibase.integration.spring.SpringLiquibase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.io.ResourceLoader;

/**
 * Brings the schema up to date when the application starts. With nothing pending (the
 * {@link FastPath}) that takes one query and never loads Liquibase. Otherwise it takes the
 * migration lock and runs Liquibase on the very connection that holds it: if that
 * connection dies, the work and the lock die together.
 */
public class LockstepStartupMigration implements InitializingBean, ApplicationEventPublisherAware, MigrationSource {

	private static final Log logger = LogFactory.getLog(LockstepStartupMigration.class);

	private final LockstepMigration migration;

	private final ResourceLoader resourceLoader;

	private final FastPath fastPath;

	private final Consumer<SpringLiquibase> liquibaseSettings;

	private final LockedLiquibaseRunner runner;

	private LockstepMode mode = LockstepMode.MIGRATE;

	private OnPending onPending = OnPending.FAIL;

	private ApplicationEventPublisher eventPublisher = (event) -> {
	};

	private MigrationObservation observation;

	private boolean namedInFailures;

	private @Nullable MigrationLint lint;

	private LintOnStartup lintOnStartup = LintOnStartup.OFF;

	/**
	 * Create a new instance.
	 * @param fastPath checks whether anything is pending without Liquibase, for the
	 * migration it names
	 * @param resourceLoader where the changelogs are read from
	 * @param liquibaseSettings applies every Liquibase setting to the
	 * {@code SpringLiquibase} of a full run
	 * @param runner takes the migration lock and runs Liquibase on its connection
	 */
	public LockstepStartupMigration(FastPath fastPath, ResourceLoader resourceLoader,
			Consumer<SpringLiquibase> liquibaseSettings, LockedLiquibaseRunner runner) {
		this.migration = fastPath.migration();
		this.resourceLoader = resourceLoader;
		this.fastPath = fastPath;
		this.liquibaseSettings = liquibaseSettings;
		this.runner = runner;
		this.observation = MigrationObservation.none(this.migration.name());
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
	 * Set the observation around the startup run, so traces and metrics show it.
	 * @param observation the observation
	 */
	public void setObservation(MigrationObservation observation) {
		this.observation = observation;
	}

	/**
	 * Set whether a failed start names this migration, as it must where the application
	 * has several.
	 * @param namedInFailures whether to name it
	 */
	public void setNamedInFailures(boolean namedInFailures) {
		this.namedInFailures = namedInFailures;
	}

	@Override
	public String migrationName() {
		return this.migration.name();
	}

	/**
	 * Set the lint of the pending changesets before a start applies them, and what to do
	 * with its findings.
	 * @param lint the lint
	 * @param onStartup what to do with its findings
	 */
	public void setLint(MigrationLint lint, LintOnStartup onStartup) {
		this.lint = lint;
		this.lintOnStartup = onStartup;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.mode == LockstepMode.OFF) {
			logger.info("Lockstep: migrations do not run at startup (lockstep.mode is off)");
			return;
		}
		try {
			if (this.mode == LockstepMode.VALIDATE) {
				validatePending();
				return;
			}
			this.observation.observe("startup", false, () -> {
				migrateUnderLock();
				return null;
			});
		}
		catch (LockstepException ex) {
			throw new StartupMigrationFailure(this.namedInFailures ? this.migration.name() : null, ex);
		}
	}

	private void migrateUnderLock() {
		long start = System.nanoTime();
		this.eventPublisher.publishEvent(new MigrationStartedEvent(this));
		try (ShutdownSignal shutdown = ShutdownSignal.register(); Connection connection = this.migration.connect()) {
			StartupMigrationResult upToDate = leftUpToDate(connection, null, start);
			if (upToDate != null) {
				finish(upToDate);
				return;
			}
			if (!LiquibaseCommandLineConfiguration.SHOULD_RUN.getCurrentValue()) {
				logger.info("Lockstep: Liquibase did not run because "
						+ LiquibaseCommandLineConfiguration.SHOULD_RUN.getKey() + " is false");
				return;
			}
			LockedLiquibaseRunner runner = this.runner.withListener(new StartupLockListener(this, this.eventPublisher));
			finish(runner.run(connection, this.migration.settings(), shutdown,
					this.fastPath.enabled() ? (grant) -> leftUpToDate(connection, grant, start) : null,
					(locked, grant) -> {
						lintPending(locked);
						AtomicInteger appliedByEarlierAttempts = new AtomicInteger();
						return runner.retryingLockTimeouts(connection,
								() -> migrate(connection, locked, grant, start, appliedByEarlierAttempts));
					}));
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

	/**
	 * Lint the changesets the start is about to apply, under the lock and on its session:
	 * log the findings, or fail the start with them before anything is applied.
	 * @param locked the locked connection
	 */
	private void lintPending(DataSource locked) {
		if (this.lint == null || this.lintOnStartup == LintOnStartup.OFF) {
			return;
		}
		LintReport report = this.lint
			.lint(new Migrator(locked, this.resourceLoader, this.migration.settings(), this.runner), false);
		if (report.clean()) {
			return;
		}
		if (this.lintOnStartup == LintOnStartup.FAIL) {
			throw new LintFindingsException(report.describe(),
					report.findings().stream().map(LintFinding::rule).toList());
		}
		logger.warn("Lockstep: the lint of the pending changesets found risky statements (lockstep.lint.on-startup "
				+ "is warn, so they run anyway):\n" + report.describe());
	}

	/**
	 * Check with the fast path whether the last complete run (the holder we waited for,
	 * if any) left nothing for Liquibase to do.
	 * @return the result of a start with nothing to do, or {@code null} if Liquibase must run
	 */
	private @Nullable StartupMigrationResult leftUpToDate(Connection connection, @Nullable LockGrant grant,
			long start) {
		UpToDate upToDate = this.fastPath.check(connection);
		return (upToDate != null) ? new StartupMigrationResult(0, elapsedSince(start), grant, upToDate.current())
				: null;
	}

	/**
	 * Run Liquibase once. An attempt that a lock timeout cut off is retried, resuming at
	 * the changeset that gave up: the changesets earlier attempts applied count too.
	 */
	private StartupMigrationResult migrate(Connection connection, DataSource locked, LockGrant grant, long start,
			AtomicInteger appliedByEarlierAttempts) throws SQLException {
		LockedLiquibase liquibase = new LockedLiquibase(this.fastPath.enabled() ? this.fastPath : null);
		this.liquibaseSettings.accept(liquibase);
		liquibase.setResourceLoader(this.resourceLoader);
		liquibase.setDataSource(locked);
		try {
			liquibase.afterPropertiesSet();
		}
		catch (LiquibaseException ex) {
			appliedByEarlierAttempts.addAndGet(liquibase.progress().applied());
			throw liquibase.progress().failure(ex);
		}
		rememberForFastPath(connection, liquibase.fastPathState());
		return new StartupMigrationResult(appliedByEarlierAttempts.get() + liquibase.progress().applied(),
				elapsedSince(start), grant, liquibase.current());
	}

	private void rememberForFastPath(Connection connection, FastPath.@Nullable State state) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.commit();
			connection.setAutoCommit(true);
		}
		try {
			if (this.fastPath.enabled() && state != null) {
				this.fastPath.record(connection, state);
			}
			else {
				this.fastPath.forget(connection);
			}
		}
		catch (SQLException | IOException ex) {
			// The migration is done; without the state the next start takes the full path.
			logger.warn("Lockstep could not store its fast path state: " + ex.getMessage());
		}
	}

	private void validatePending() {
		List<String> pending;
		try {
			pending = pendingChangesets();
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

	private List<String> pendingChangesets() {
		if (this.fastPath.checkUpToDate() != null) {
			return List.of();
		}
		return new Migrator(this.migration.dataSource(), this.resourceLoader, this.migration.settings(), this.runner)
			.history()
			.pending()
			.stream()
			.map((entry) -> entry.revision().fullName())
			.toList();
	}

	private void finish(StartupMigrationResult result) {
		logger.info(result.summary());
		this.eventPublisher.publishEvent(new MigrationsAppliedEvent(this, result));
	}

	private LockstepException failed(LockstepException failure) {
		this.eventPublisher.publishEvent(new MigrationFailedEvent(this, failure));
		return failure;
	}

	private static Duration elapsedSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}

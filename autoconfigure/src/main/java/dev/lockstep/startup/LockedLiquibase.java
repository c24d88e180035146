package dev.lockstep.startup;

import java.sql.Connection;

import dev.lockstep.engine.ChangeSetProgress;
import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.fastpath.FastPath;
import dev.lockstep.fastpath.RecordingResourceAccessor;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.integration.spring.SpringResourceAccessor;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SpringLiquibase} of the full path: it runs once, on the connection that holds
 * the migration lock, and notes what the run did and what the fast path needs to know
 * about it. Never a bean: Liquibase is loaded only when a start takes the full path.
 */
final class LockedLiquibase extends SpringLiquibase {

	private final @Nullable FastPath fastPath;

	private @Nullable RecordingResourceAccessor resources;

	private @Nullable ChangeSetProgress progress;

	private @Nullable String summaryWhenDone;

	private boolean changelogTableAsRecorded;

	private @Nullable CurrentRevision current;

	/**
	 * Create a new instance.
	 * @param fastPath the fast path to take a summary for, or {@code null} if it is off
	 */
	LockedLiquibase(@Nullable FastPath fastPath) {
		this.fastPath = fastPath;
	}

	/**
	 * Return how many changesets the run applied, and how to describe its failure.
	 * @return the progress
	 */
	ChangeSetProgress progress() {
		return (this.progress != null) ? this.progress : new ChangeSetProgress(0);
	}

	/**
	 * Return the newest applied changeset after the run.
	 * @return the current revision, or {@code null} if nothing is applied
	 */
	@Nullable CurrentRevision current() {
		return this.current;
	}

	/**
	 * Return what the fast path must store for the next start to skip Liquibase.
	 * @return the manifest of what the run read and the summary of the changelog table, or
	 * {@code null} if the next start must take the full path
	 */
	FastPath.@Nullable State fastPathState() {
		if (this.progress == null || this.progress.mayHaveLeftPending() || !this.changelogTableAsRecorded
				|| this.resources == null || this.summaryWhenDone == null) {
			return null;
		}
		return new FastPath.State(this.resources.manifest(), this.summaryWhenDone, this.current);
	}

	@Override
	protected SpringResourceAccessor createResourceOpener() {
		this.resources = new RecordingResourceAccessor(this.resourceLoader);
		return this.resources;
	}

	/**
	 * The progress listener also notes what may stay pending (changesets that run always,
	 * preconditions that let the run go on without their changeset): asking Liquibase for
	 * its pending changesets, before or after the update, would parse the changelog again.
	 * Afterwards one query reads the changelog table for both the fast path and the current
	 * revision; Liquibase reads its history again only where that query cannot run.
	 */
	@Override
	protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
		Connection connection = ((JdbcConnection) liquibase.getDatabase().getConnection()).getUnderlyingConnection();
		long rowsBefore = (this.fastPath != null) ? this.fastPath.changelogRows(connection) : -1;
		this.progress = new ChangeSetProgress(getContexts(), getLabelFilter(), ChangeSetProgress.DEFAULT_HEARTBEAT);
		liquibase.setChangeExecListener(this.progress);
		try {
			super.performUpdate(liquibase);
		}
		finally {
			this.progress.runEnded();
		}
		FastPath.ChangelogTable after = (this.fastPath != null) ? this.fastPath.changelogTable(connection) : null;
		if (after == null) {
			this.current = currentFromHistory(liquibase);
			return;
		}
		// The table must hold exactly what it held plus what this run recorded: a change in
		// between (a CLI rollback right after Liquibase released its lock) means no fast path
		// next time.
		this.summaryWhenDone = after.summary();
		this.changelogTableAsRecorded = rowsBefore >= 0 && after.rows() == rowsBefore + this.progress.recorded();
		this.current = after.current();
	}

	private static @Nullable CurrentRevision currentFromHistory(Liquibase liquibase) throws LiquibaseException {
		ChangeLogHistoryService history = Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(liquibase.getDatabase());
		history.reset();
		return CurrentRevision.of(history.getRanChangeSets()).orElse(null);
	}

}

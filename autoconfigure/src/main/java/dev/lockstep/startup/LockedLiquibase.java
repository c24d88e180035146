package dev.lockstep.startup;

import dev.lockstep.engine.ChangeSetProgress;
import dev.lockstep.engine.CurrentRevision;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
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

	private boolean leftNothingPending;

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
		if (!this.leftNothingPending || this.resources == null || this.summaryWhenDone == null) {
			return null;
		}
		return new FastPath.State(this.resources.manifest(), this.summaryWhenDone);
	}

	@Override
	protected SpringResourceAccessor createResourceOpener() {
		this.resources = new RecordingResourceAccessor(this.resourceLoader);
		return this.resources;
	}

	@Override
	protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
		int pending = liquibase.listUnrunChangeSets(contexts(), labels(), false).size();
		this.progress = new ChangeSetProgress(pending);
		liquibase.setChangeExecListener(this.progress);
		super.performUpdate(liquibase);
		// Take the summary first, then check that nothing is pending against the table as it
		// is from then on: a change in between (a CLI rollback) makes the check fail.
		Database database = liquibase.getDatabase();
		this.summaryWhenDone = (this.fastPath != null)
				? this.fastPath.summary(((JdbcConnection) database.getConnection()).getUnderlyingConnection()) : null;
		ChangeLogHistoryService history = Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(database);
		history.reset();
		// Changesets that run always, or that stayed pending (a failed precondition that
		// continues), must meet Liquibase at every start.
		this.leftNothingPending = liquibase.getDatabaseChangeLog()
			.getChangeSets()
			.stream()
			.noneMatch(ChangeSet::shouldAlwaysRun) && liquibase.listUnrunChangeSets(contexts(), labels(), false).isEmpty();
		this.current = CurrentRevision.of(history.getRanChangeSets()).orElse(null);
	}

	private Contexts contexts() {
		return new Contexts(getContexts());
	}

	private LabelExpression labels() {
		return new LabelExpression(getLabelFilter());
	}

}

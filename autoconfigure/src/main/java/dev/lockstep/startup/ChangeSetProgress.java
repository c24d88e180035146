package dev.lockstep.startup;

import java.time.Duration;

import dev.lockstep.Durations;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.ChangeSet.ExecType;
import liquibase.changelog.ChangeSet.RunStatus;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Counts and logs the changesets one update applies, and remembers the one that failed.
 */
class ChangeSetProgress extends AbstractChangeExecListener {

	private static final Log logger = LogFactory.getLog(ChangeSetProgress.class);

	private int applied;

	private long changeSetStart;

	private @Nullable String failedChangeSet;

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
			logger.info("Applied changeset #" + this.applied + " " + changeSet.toString(false) + " in "
					+ Durations.format(took));
		}
	}

	@Override
	public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		this.failedChangeSet = changeSet.toString(false);
	}

	int applied() {
		return this.applied;
	}

	@Nullable String failedChangeSet() {
		return this.failedChangeSet;
	}

}

package dev.lockstep.actuate;

import java.util.function.Supplier;

import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.engine.MigrationStatus;
import dev.lockstep.fastpath.UpToDate;
import org.jspecify.annotations.Nullable;

/**
 * Where the database stands, for the health indicator and the pending gauge, which are
 * read often: the current revision and how many changesets are pending. The startup fast
 * path answers with one query when nothing is pending; only otherwise is the changelog
 * read with Liquibase.
 */
public class PendingChangesets {

	private final MigrationHistoryCache history;

	private final Supplier<@Nullable UpToDate> upToDateCheck;

	/**
	 * Create a new instance.
	 * @param history the history, read when the check cannot tell
	 * @param upToDateCheck the fast path's check: what it found if nothing is pending,
	 * else {@code null}
	 */
	public PendingChangesets(MigrationHistoryCache history, Supplier<@Nullable UpToDate> upToDateCheck) {
		this.history = history;
		this.upToDateCheck = upToDateCheck;
	}

	/**
	 * Read where the database stands now.
	 * @return the current revision and the number of pending changesets
	 */
	public Summary read() {
		UpToDate upToDate = this.upToDateCheck.get();
		if (upToDate != null) {
			return new Summary(upToDate.current(), 0);
		}
		MigrationStatus status = MigrationStatus.of(this.history.history());
		return new Summary(status.current(), status.pendingCount());
	}

	/**
	 * Where the database stands.
	 *
	 * @param current the current revision, or {@code null} if nothing is applied
	 * @param pendingCount how many changesets are pending
	 */
	public record Summary(@Nullable CurrentRevision current, int pendingCount) {

	}

}

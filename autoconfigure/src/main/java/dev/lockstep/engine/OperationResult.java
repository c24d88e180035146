package dev.lockstep.engine;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an operation did, or with a dry run, would do.
 *
 * @param operation the operation
 * @param target the target as given
 * @param dryRun whether nothing was changed
 * @param changeSets the changesets run (or that would run), in the order they run
 * @param sql with a dry run, the SQL that would run; otherwise {@code null}
 * @param before the revision before
 * @param after the revision after (with a dry run, the same as before)
 * @param duration how long the operation took
 */
public record OperationResult(Operation operation, String target, boolean dryRun, List<Revision> changeSets,
		@Nullable String sql, @Nullable CurrentRevision before, @Nullable CurrentRevision after,
		Duration duration) {

	public OperationResult {
		changeSets = List.copyOf(changeSets);
	}

}

package dev.lockstep.revision;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A changelog file that the revision command wrote.
 *
 * @param file the file
 * @param changeSets the ids of its changesets, in order
 * @param includedIn the master changelog that now includes it, or {@code null} where an
 * {@code includeAll} covers its folder
 */
public record WrittenRevision(Path file, List<String> changeSets, @Nullable Path includedIn) {

	public WrittenRevision {
		changeSets = List.copyOf(changeSets);
	}

}

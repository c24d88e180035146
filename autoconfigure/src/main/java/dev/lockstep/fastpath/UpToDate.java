package dev.lockstep.fastpath;

import dev.lockstep.engine.CurrentRevision;
import org.jspecify.annotations.Nullable;

/**
 * What the fast path knows when nothing is pending: found with one query, without
 * Liquibase.
 *
 * @param current the current revision, or {@code null} if nothing is applied
 */
public record UpToDate(@Nullable CurrentRevision current) {

}

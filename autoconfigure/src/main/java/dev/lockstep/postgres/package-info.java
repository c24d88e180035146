/**
 * PostgreSQL's part: the advisory lock session, the run's session tuning and the fast
 * path's SQL.
 */
@NullMarked
package dev.lockstep.postgres;

import org.jspecify.annotations.NullMarked;

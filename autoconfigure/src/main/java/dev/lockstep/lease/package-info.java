/**
 * The lease lock, for databases without a session lock Lockstep supports: a row per lock
 * name in a table of its own, with an owner and an expiry that a heartbeat pushes on.
 */
@NullMarked
package dev.lockstep.lease;

import org.jspecify.annotations.NullMarked;

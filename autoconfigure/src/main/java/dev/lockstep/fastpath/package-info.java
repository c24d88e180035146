/**
 * The fast path: a digest of everything that decides what is pending, and the state a
 * complete run leaves, so that a start with nothing pending costs one query.
 */
@NullMarked
package dev.lockstep.fastpath;

import org.jspecify.annotations.NullMarked;

/**
 * Database advisory locks that serialize migrations across processes, and the policy for
 * waiting on them.
 */
@NullMarked
package dev.lockstep.lock;

import org.jspecify.annotations.NullMarked;

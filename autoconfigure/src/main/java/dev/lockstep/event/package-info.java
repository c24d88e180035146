/**
 * Application events Lockstep publishes while it migrates.
 */
@NullMarked
package dev.lockstep.event;

import org.jspecify.annotations.NullMarked;

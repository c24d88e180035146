/**
 * Actuator support: the {@code migrations} endpoint, health and metrics.
 */
@NullMarked
package dev.lockstep.actuate;

import org.jspecify.annotations.NullMarked;

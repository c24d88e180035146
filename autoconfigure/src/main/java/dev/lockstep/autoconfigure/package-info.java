/**
 * Auto-configuration for Lockstep.
 */
@NullMarked
package dev.lockstep.autoconfigure;

import org.jspecify.annotations.NullMarked;

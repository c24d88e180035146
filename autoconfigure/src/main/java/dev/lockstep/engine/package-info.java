/**
 * Lockstep's integration with Liquibase's own machinery.
 */
@NullMarked
package dev.lockstep.engine;

import org.jspecify.annotations.NullMarked;

/**
 * What runs at application startup: pending changesets applied under the migration lock.
 */
@NullMarked
package dev.lockstep.startup;

import org.jspecify.annotations.NullMarked;

/**
 * The shapes of Lockstep's reports, for JSON.
 */
@NullMarked
package dev.lockstep.report;

import org.jspecify.annotations.NullMarked;

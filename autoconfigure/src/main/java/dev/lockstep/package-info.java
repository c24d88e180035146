/**
 * Lockstep: Liquibase migrations run under a database advisory lock, and the errors they raise.
 */
@NullMarked
package dev.lockstep;

import org.jspecify.annotations.NullMarked;

/**
 * PostgreSQL's lint rules: one class per rule, each with a documented id.
 */
@NullMarked
package dev.lockstep.postgres.lint;

import org.jspecify.annotations.NullMarked;

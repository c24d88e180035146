/**
 * Lint of what a migration will run: the SQL Liquibase generates for each pending
 * changeset, read with a SQL parser and checked against each database's rules.
 */
@NullMarked
package dev.lockstep.lint;

import org.jspecify.annotations.NullMarked;

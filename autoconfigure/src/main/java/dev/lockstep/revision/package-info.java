/**
 * The {@code revision} and {@code check} commands: the application's JPA model built in
 * a scratch schema, compared with the database at head through Liquibase's diff, and
 * written as a new changelog file.
 */
@NullMarked
package dev.lockstep.revision;

import org.jspecify.annotations.NullMarked;

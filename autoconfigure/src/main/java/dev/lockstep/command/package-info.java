/**
 * The application jar as a migration tool: {@code migrate-only} runs and one-shot
 * commands.
 */
@NullMarked
package dev.lockstep.command;

import org.jspecify.annotations.NullMarked;

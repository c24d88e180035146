/**
 * The library's JPA model: the tables the demo's changelog creates, mapped as entities.
 * Hibernate validates them against the migrated schema at startup, and
 * {@code --lockstep.command=check} compares them with it.
 */
package dev.lockstep.demo.library;

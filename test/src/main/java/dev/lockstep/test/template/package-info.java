/**
 * Fresh PostgreSQL databases for tests in milliseconds: the changelog is applied once into
 * a template database named after the fast path's digest of the changelog and its
 * settings, and every fresh database is a copy of it.
 */
@NullMarked
package dev.lockstep.test.template;

import org.jspecify.annotations.NullMarked;

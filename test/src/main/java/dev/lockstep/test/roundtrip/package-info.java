/**
 * Proves that every changeset's rollback restores the schema it started from: upgrade,
 * downgrade, upgrade again, changeset by changeset, compared through Liquibase's own
 * snapshots.
 */
@NullMarked
package dev.lockstep.test.roundtrip;

import org.jspecify.annotations.NullMarked;

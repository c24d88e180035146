package dev.lockstep.actuate;

import java.util.function.Supplier;

import dev.lockstep.engine.MigrationHistory;
import dev.lockstep.engine.Migrator;
import org.jspecify.annotations.Nullable;

/**
 * The history as Liquibase last read it, kept while nothing that decides it changes: the
 * endpoint, the health indicator and the pending gauge are read often, and reading the
 * changelog with Liquibase costs a second or more at thousands of changesets. The fast
 * path's fingerprint (one query and a digest of the changelog files) tells when to read
 * again: after an upgrade, a downgrade or a stamp, an edited changeset file, or a change
 * made by another client.
 */
public class MigrationHistoryCache {

	private final Migrator migrator;

	private final Supplier<@Nullable String> fingerprint;

	private volatile @Nullable Cached cached;

	/**
	 * Create a new instance.
	 * @param migrator reads the history with Liquibase
	 * @param fingerprint the fast path's fingerprint, {@code null} when there is none to
	 * go by (then every read goes to Liquibase)
	 */
	public MigrationHistoryCache(Migrator migrator, Supplier<@Nullable String> fingerprint) {
		this.migrator = migrator;
		this.fingerprint = fingerprint;
	}

	/**
	 * Return the history, read again only if something changed since the last read.
	 * @return the history
	 */
	public MigrationHistory history() {
		// Taken before the read: a change during the read gives the next call another one.
		String now = this.fingerprint.get();
		Cached last = this.cached;
		if (now != null && last != null && now.equals(last.fingerprint())) {
			return last.history();
		}
		MigrationHistory history = this.migrator.history();
		this.cached = (now != null) ? new Cached(now, history) : null;
		return history;
	}

	private record Cached(String fingerprint, MigrationHistory history) {

	}

}

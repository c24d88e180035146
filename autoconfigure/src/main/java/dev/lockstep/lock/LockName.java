package dev.lockstep.lock;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The name of a migration lock. Replicas of one application derive the same name from the
 * changelog table they migrate, so they serialize; two applications with their own
 * changelog tables never block each other.
 *
 * @param value the name
 */
public record LockName(String value) {

	private static final String PREFIX = "lockstep:";

	public LockName {
		if (value.isBlank()) {
			throw new IllegalArgumentException("Lock name must not be blank");
		}
	}

	/**
	 * Derive the lock name for a changelog table.
	 * @param schema the schema that holds the changelog table, or {@code null} for none
	 * @param changelogTable the changelog table name
	 * @return the lock name
	 */
	public static LockName forChangelogTable(@Nullable String schema, String changelogTable) {
		String table = changelogTable.toLowerCase(Locale.ROOT);
		return new LockName(PREFIX + ((schema != null) ? schema.toLowerCase(Locale.ROOT) + "." + table : table));
	}

	@Override
	public String toString() {
		return "migration lock '" + this.value + "'";
	}

}

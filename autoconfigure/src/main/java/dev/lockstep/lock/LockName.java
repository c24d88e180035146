package dev.lockstep.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

	/**
	 * Return the SHA-256 digest of the name, from which a database whose locks take keys
	 * or shorter names derives its own.
	 * @return the digest of the name's UTF-8 bytes
	 */
	public byte[] sha256() {
		try {
			return MessageDigest.getInstance("SHA-256").digest(this.value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	@Override
	public String toString() {
		return "migration lock '" + this.value + "'";
	}

}

package dev.lockstep.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
	 * Return a stable 64-bit key for databases whose advisory locks take a number.
	 * @return the key: the first eight bytes of the name's SHA-256 digest
	 */
	public long key() {
		byte[] digest = sha256(this.value);
		long key = 0;
		for (int i = 0; i < Long.BYTES; i++) {
			key = (key << 8) | (digest[i] & 0xFF);
		}
		return key;
	}

	/**
	 * Return an identifier-safe form of the key, for notification channels.
	 * @return the key as {@code lockstep_} and sixteen hexadecimal digits
	 */
	public String channel() {
		return "lockstep_" + HexFormat.of().toHexDigits(key());
	}

	@Override
	public String toString() {
		return "migration lock '" + this.value + "'";
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}

package dev.lockstep.postgres;

import java.util.HexFormat;

import dev.lockstep.lock.LockName;

/**
 * A lock name as PostgreSQL's advisory locks take it: a stable 64-bit key, and the
 * notification channel on which its releases are signalled.
 *
 * @param key the first eight bytes of the name's SHA-256 digest
 */
public record PostgresLockKey(long key) {

	/**
	 * Return the key of a lock name.
	 * @param name the name
	 * @return its key
	 */
	public static PostgresLockKey of(LockName name) {
		byte[] digest = name.sha256();
		long key = 0;
		for (int i = 0; i < Long.BYTES; i++) {
			key = (key << 8) | (digest[i] & 0xFF);
		}
		return new PostgresLockKey(key);
	}

	/**
	 * Return an identifier-safe form of the key, for notification channels.
	 * @return the key as {@code lockstep_} and sixteen hexadecimal digits
	 */
	public String channel() {
		return "lockstep_" + HexFormat.of().toHexDigits(this.key);
	}

}

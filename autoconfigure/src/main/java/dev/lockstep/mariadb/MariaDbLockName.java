package dev.lockstep.mariadb;

import java.util.HexFormat;

import dev.lockstep.lock.LockName;

/**
 * A lock name as {@code GET_LOCK} takes it: at most 64 characters. A longer name keeps
 * its readable start and ends with a digest of the whole, so that names sharing a long
 * start still differ.
 *
 * @param value the name given to the server
 */
public record MariaDbLockName(String value) {

	/**
	 * The longest name MariaDB and MySQL accept.
	 */
	public static final int MAX_LENGTH = 64;

	private static final int DIGEST_HEX_DIGITS = 16;

	/**
	 * Return the server's name for a lock name.
	 * @param name the name
	 * @return the name itself if short enough, else its first characters, {@code ~} and
	 * sixteen hexadecimal digits of its SHA-256 digest
	 */
	public static MariaDbLockName of(LockName name) {
		String value = name.value();
		if (value.length() <= MAX_LENGTH) {
			return new MariaDbLockName(value);
		}
		String digest = HexFormat.of().formatHex(name.sha256()).substring(0, DIGEST_HEX_DIGITS);
		return new MariaDbLockName(value.substring(0, MAX_LENGTH - DIGEST_HEX_DIGITS - 1) + "~" + digest);
	}

}

package dev.lockstep.test.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The name of a template database: a prefix shared by every version of one changelog's
 * template, and the fast path's digest of the changelog and its settings, so that a
 * changed changelog gets a new template and the old one can be told stale.
 *
 * @param prefix the prefix, ending with an underscore
 * @param digest the digest's first 24 hexadecimal digits
 */
record TemplateName(String prefix, String digest) {

	private static final int DIGEST_LENGTH = 24;

	private static final String BUILDING = "_building";

	/**
	 * Return the template name of a changelog.
	 * @param prefix the prefix, or empty for one derived from the changelog's location
	 * @param changeLog the changelog's location
	 * @param digest the fast path's digest of the changelog and its settings
	 */
	static TemplateName of(String prefix, String changeLog, String digest) {
		String actualPrefix = prefix.isEmpty() ? "lockstep_template_" + sha256(changeLog).substring(0, 8) + "_"
				: prefix.toLowerCase(Locale.ROOT);
		if (actualPrefix.length() + DIGEST_LENGTH + BUILDING.length() > 63) {
			throw new IllegalArgumentException("A template prefix has at most "
					+ (63 - DIGEST_LENGTH - BUILDING.length()) + " characters: " + prefix);
		}
		return new TemplateName(actualPrefix, digest.substring(0, DIGEST_LENGTH));
	}

	/**
	 * Return the name of the complete template.
	 */
	String name() {
		return this.prefix + this.digest;
	}

	/**
	 * Return the name the template is built under, renamed once complete: a template by
	 * its own name is always complete.
	 */
	String buildingName() {
		return name() + BUILDING;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}

package dev.lockstep.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Every changelog resource a Liquibase run read (by URI) and every location it listed
 * (by Spring pattern); its digest changes with the content of any read or listed resource,
 * with any file added to or removed from a listed location, and with the value of any
 * system property or environment variable a {@code ${name}} in that content refers to.
 *
 * @param reads the URIs of the resources read
 * @param listings the patterns of the locations listed
 */
record InputsManifest(List<String> reads, List<String> listings) {

	private static final String READ = "read ";

	private static final String LISTING = "list ";

	private static final Pattern PARAMETER = Pattern.compile("\\$\\{([^}\\s]+)}");

	/**
	 * Parse a manifest written by {@link #toText()}.
	 */
	static InputsManifest parse(String text) {
		List<String> lines = text.lines().toList();
		return new InputsManifest(
				lines.stream().filter((line) -> line.startsWith(READ)).map((line) -> line.substring(READ.length())).toList(),
				lines.stream()
					.filter((line) -> line.startsWith(LISTING))
					.map((line) -> line.substring(LISTING.length()))
					.toList());
	}

	String toText() {
		StringBuilder text = new StringBuilder();
		this.reads.forEach((read) -> text.append(READ).append(read).append('\n'));
		this.listings.forEach((listing) -> text.append(LISTING).append(listing).append('\n'));
		return text.toString();
	}

	/**
	 * Digest the manifest's resources as they are now, with the settings that decide what
	 * is pending.
	 * @param settings the settings (changelog, contexts, labels, parameters, tables)
	 * @param resourceLoader resolves the resources
	 * @return the digest, in hexadecimal
	 * @throws IOException if a resource cannot be read (the caller takes the full path)
	 */
	String digest(String settings, ResourceLoader resourceLoader) throws IOException {
		MessageDigest digest = sha256();
		update(digest, "settings " + settings);
		ResourcePatternResolver resolver = ResourcePatternUtils.getResourcePatternResolver(resourceLoader);
		Set<String> parameters = new TreeSet<>();
		for (String read : this.reads) {
			update(digest, READ + read);
			try (InputStream content = resolver.getResource(read).getInputStream()) {
				update(digest, content.readAllBytes(), parameters);
			}
		}
		for (String listing : this.listings) {
			update(digest, LISTING + listing);
			Resource[] found = resolver.getResources(listing);
			Arrays.sort(found, Comparator.comparing(InputsManifest::uri));
			for (Resource resource : found) {
				update(digest, uri(resource));
				if (resource.isReadable()) {
					try (InputStream content = resource.getInputStream()) {
						update(digest, content.readAllBytes(), parameters);
					}
					catch (IOException ex) {
						// A directory: its files are listed on their own.
					}
				}
			}
		}
		// Liquibase fills ${name} from system properties and the environment too.
		for (String parameter : parameters) {
			String value = System.getProperty(parameter, System.getenv(parameter));
			update(digest, "parameter " + parameter + "=" + value);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void update(MessageDigest digest, byte[] content, Set<String> parameters) {
		digest.update(content);
		Matcher reference = PARAMETER.matcher(new String(content, StandardCharsets.UTF_8));
		while (reference.find()) {
			parameters.add(reference.group(1));
		}
	}

	private static String uri(Resource resource) {
		try {
			return resource.getURI().toString();
		}
		catch (IOException ex) {
			return resource.getDescription();
		}
	}

	private static void update(MessageDigest digest, String text) {
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) '\n');
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}

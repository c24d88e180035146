package dev.lockstep.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The properties under a prefix that the configuration metadata describes, which the
 * build generates from the {@code @ConfigurationProperties} classes. A property of a map
 * or collection type admits any name below its own (such as
 * {@code lockstep.migrations.<name>.change-log} under a map {@code lockstep.migrations}).
 */
final class KnownProperties {

	static final String METADATA_LOCATION = "META-INF/spring-configuration-metadata.json";

	private final List<Property> properties;

	KnownProperties(List<Property> properties) {
		this.properties = List.copyOf(properties);
	}

	/**
	 * Read the properties under a prefix from every configuration metadata file on the
	 * class path.
	 * @param classLoader the class loader
	 * @param prefix the prefix, such as {@code lockstep}
	 * @return the properties, none if no metadata describes the prefix
	 */
	@SuppressWarnings("unchecked")
	static KnownProperties load(@Nullable ClassLoader classLoader, String prefix) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
		List<Property> properties = new ArrayList<>();
		try {
			ClassLoader loader = (classLoader != null) ? classLoader : KnownProperties.class.getClassLoader();
			for (URL url : Collections.list(loader.getResources(METADATA_LOCATION))) {
				Map<String, Object> metadata = JsonParserFactory.getJsonParser().parseMap(read(url));
				for (Object entry : (List<Object>) metadata.getOrDefault("properties", List.of())) {
					Map<String, Object> property = (Map<String, Object>) entry;
					ConfigurationPropertyName name = ConfigurationPropertyName.of((String) property.get("name"));
					if (root.isAncestorOf(name)) {
						properties.add(new Property(name, isContainer((String) property.get("type"))));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the configuration metadata", ex);
		}
		return new KnownProperties(properties);
	}

	private static String read(URL url) throws IOException {
		try (InputStream in = url.openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static boolean isContainer(@Nullable String type) {
		return type != null && (type.startsWith("java.util.Map<") || type.startsWith("java.util.List<")
				|| type.startsWith("java.util.Set<") || type.endsWith("[]"));
	}

	/**
	 * Return whether no property is known, as when the metadata is not on the class path.
	 * @return whether none is known
	 */
	boolean isEmpty() {
		return this.properties.isEmpty();
	}

	/**
	 * Return whether the name is a known property's, in any of the forms Spring Boot binds
	 * (kebab case, camel case, upper case), or lies below a map or collection property.
	 * @param name the name
	 * @return whether it is known
	 */
	boolean contains(ConfigurationPropertyName name) {
		return this.properties.stream()
			.anyMatch((property) -> property.name().equals(name)
					|| (property.container() && property.name().isAncestorOf(name)));
	}

	/**
	 * Return the known property whose name is the fewest edits away from the given one.
	 * @param name the name
	 * @return the closest known name
	 */
	String closestTo(ConfigurationPropertyName name) {
		String wanted = name.toString();
		return this.properties.stream()
			.map((property) -> property.name().toString())
			.min(Comparator.comparingInt((candidate) -> distance(wanted, candidate)))
			.orElseThrow();
	}

	/**
	 * Levenshtein distance: the fewest insertions, deletions and substitutions that turn
	 * one text into the other.
	 */
	static int distance(String from, String to) {
		int[] previous = new int[to.length() + 1];
		int[] current = new int[to.length() + 1];
		for (int j = 0; j <= to.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= from.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= to.length(); j++) {
				int substitution = previous[j - 1] + ((from.charAt(i - 1) == to.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[to.length()];
	}

	/**
	 * A known property.
	 *
	 * @param name its name
	 * @param container whether it is a map or a collection, so that names below it are its
	 * entries
	 */
	record Property(ConfigurationPropertyName name, boolean container) {

	}

}

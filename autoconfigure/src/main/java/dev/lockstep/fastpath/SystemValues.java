package dev.lockstep.fastpath;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The environment variables and system properties that the fast path digests: Liquibase
 * reads its own settings from both, and fills {@code ${name}} from both.
 */
final class SystemValues {

	private SystemValues() {
	}

	/**
	 * Return the environment variables and system properties whose names match.
	 * @param name which names to take
	 * @return their values by {@code environment NAME} and {@code property name}, sorted
	 */
	static Map<String, String> named(Predicate<String> name) {
		Map<String, String> values = new TreeMap<>();
		System.getenv().forEach((key, value) -> {
			if (name.test(key)) {
				values.put("environment " + key, value);
			}
		});
		System.getProperties().forEach((key, value) -> {
			if (name.test(key.toString())) {
				values.put("property " + key, String.valueOf(value));
			}
		});
		return values;
	}

}

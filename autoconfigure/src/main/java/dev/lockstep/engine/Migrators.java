package dev.lockstep.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations engine of each of an application's migrations, by name: the one of
 * {@code spring.liquibase.*} first (named {@value #DEFAULT}), then the others in the order
 * they run at startup.
 */
public final class Migrators {

	/**
	 * The name of the migration of {@code spring.liquibase.*}.
	 */
	public static final String DEFAULT = "default";

	private final Map<String, Migrator> byName;

	/**
	 * Create a new instance.
	 * @param byName the engines by migration name, in order
	 */
	public Migrators(Map<String, Migrator> byName) {
		this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
	}

	/**
	 * Return the engines of an application with one migration.
	 * @param migrator its engine
	 * @return the engines
	 */
	public static Migrators of(Migrator migrator) {
		return new Migrators(Map.of(DEFAULT, migrator));
	}

	/**
	 * Return the engine of a migration.
	 * @param name the migration's name
	 * @return its engine, or empty if there is no such migration
	 */
	public Optional<Migrator> named(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/**
	 * Return the names of the migrations, in order.
	 * @return the names
	 */
	public Set<String> names() {
		return this.byName.keySet();
	}

	/**
	 * Return the engines by migration name, in order.
	 * @return the engines
	 */
	public Map<String, Migrator> asMap() {
		return this.byName;
	}

}

package dev.lockstep.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The properties a {@code @ConfigurationProperties} class binds under its prefix. A
 * property of a map or collection type admits any name below its own (such as
 * {@code lockstep.migrations.<name>.change-log} under a map {@code lockstep.migrations}).
 */
final class KnownProperties {

	/**
	 * The name an entry of a map of nested properties stands under in suggestions, such as
	 * {@code lockstep.migrations.name.change-log}.
	 */
	private static final String ENTRY = "name";

	private final List<Property> properties;

	KnownProperties(List<Property> properties) {
		this.properties = List.copyOf(properties);
	}

	/**
	 * Return the properties a {@code @ConfigurationProperties} class binds under its
	 * prefix: each JavaBean property with a setter, and those of its nested classes (the
	 * types declared inside it), named as Spring Boot names them. Read from the class
	 * itself, so that what is known is exactly what binds, with no file to parse.
	 * @param prefix the prefix, such as {@code lockstep}
	 * @param type the properties class
	 * @return the properties
	 */
	static KnownProperties of(String prefix, Class<?> type) {
		List<Property> properties = new ArrayList<>();
		collect(ConfigurationPropertyName.of(prefix), type, type, properties);
		return new KnownProperties(properties);
	}

	private static void collect(ConfigurationPropertyName parent, Class<?> type, Class<?> root,
			List<Property> properties) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getReadMethod().getDeclaringClass() == Object.class) {
				continue;
			}
			ConfigurationPropertyName name = parent.append(DataObjectPropertyName.toDashedForm(descriptor.getName()));
			Class<?> propertyType = descriptor.getPropertyType();
			Class<?> mapValueType = mapValueType(descriptor);
			if (isDeclaredIn(root, propertyType) && !propertyType.isEnum()) {
				collect(name, propertyType, root, properties);
			}
			else if (mapValueType != null && isDeclaredIn(root, mapValueType)) {
				// One entry per name: the names below it are those of the entry's class.
				List<Property> entry = new ArrayList<>();
				collect(name.append(ENTRY), mapValueType, root, entry);
				entry.forEach((property) -> properties
					.add(new Property(property.name(), property.container(), name.getNumberOfElements())));
			}
			else if (descriptor.getWriteMethod() != null) {
				properties.add(new Property(name, Map.class.isAssignableFrom(propertyType)
						|| Collection.class.isAssignableFrom(propertyType) || propertyType.isArray()));
			}
		}
	}

	private static @Nullable Class<?> mapValueType(PropertyDescriptor descriptor) {
		if (!Map.class.isAssignableFrom(descriptor.getPropertyType())) {
			return null;
		}
		return ResolvableType.forMethodReturnType(descriptor.getReadMethod()).asMap().resolveGeneric(1);
	}

	private static boolean isDeclaredIn(Class<?> root, Class<?> type) {
		for (Class<?> enclosing = type.getEnclosingClass(); enclosing != null; enclosing = enclosing
			.getEnclosingClass()) {
			if (enclosing == root) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether the name is a known property's, in any of the forms Spring Boot binds
	 * (kebab case, camel case, upper case), or lies below a map or collection property.
	 * @param name the name
	 * @return whether it is known
	 */
	boolean contains(ConfigurationPropertyName name) {
		return this.properties.stream().anyMatch((property) -> property.matches(name));
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
	record Property(ConfigurationPropertyName name, boolean container, int entryElement) {

		Property(ConfigurationPropertyName name, boolean container) {
			this(name, container, -1);
		}

		/**
		 * Return whether the name is this property's, or lies below it if it is a map or a
		 * collection; an entry's name (the element at {@code entryElement}) can be anything.
		 */
		boolean matches(ConfigurationPropertyName candidate) {
			if (this.entryElement < 0) {
				return this.name.equals(candidate) || (this.container && this.name.isAncestorOf(candidate));
			}
			int elements = this.name.getNumberOfElements();
			if (candidate.getNumberOfElements() < elements
					|| (!this.container && candidate.getNumberOfElements() != elements)) {
				return false;
			}
			for (int i = 0; i < elements; i++) {
				if (i != this.entryElement && !this.name.getElement(i, ConfigurationPropertyName.Form.UNIFORM)
					.equals(candidate.getElement(i, ConfigurationPropertyName.Form.UNIFORM))) {
					return false;
				}
			}
			return true;
		}

	}

}

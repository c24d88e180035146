package dev.lockstep.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lockstep.UnknownPropertyException;
import dev.lockstep.UnknownPropertyException.UnknownProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds Lockstep's own settings strictly: a {@code lockstep.*} property that
 * {@link LockstepProperties} does not bind fails the start, naming it and the closest
 * known property, before any bean is created, and so before anything touches the
 * database. Spring Boot's leniency stays for every other property.
 * <p>
 * Command-line arguments, system properties and configuration files are checked.
 * Environment variables are not: they are shared with every other program (a variable
 * such as {@code LOCKSTEP_HOME} is no setting of Lockstep's), and their names do not map
 * back to a single property name.
 */
class UnknownPropertiesEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String PREFIX = "lockstep";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<ConfigurationPropertyName, UnknownProperty> unknown = new LinkedHashMap<>();
		KnownProperties known = null;
		for (PropertySource<?> propertySource : environment.getPropertySources()) {
			if (propertySource instanceof SystemEnvironmentPropertySource
					|| !(ConfigurationPropertySource.from(propertySource) instanceof IterableConfigurationPropertySource
							source)) {
				continue;
			}
			for (ConfigurationPropertyName name : source.filter(ROOT::isAncestorOf)) {
				known = (known != null) ? known : KnownProperties.of(PREFIX, LockstepProperties.class);
				if (!known.contains(name) && !unknown.containsKey(name)) {
					unknown.put(name, new UnknownProperty(name.toString(),
							origin(source.getConfigurationProperty(name), propertySource), known.closestTo(name)));
				}
			}
		}
		if (!unknown.isEmpty()) {
			throw new UnknownPropertyException(List.copyOf(unknown.values()));
		}
	}

	private static String origin(@Nullable ConfigurationProperty property, PropertySource<?> propertySource) {
		if (property != null && property.getOrigin() instanceof TextResourceOrigin origin) {
			return "set in " + origin;
		}
		return "set in " + propertySource.getName();
	}

}

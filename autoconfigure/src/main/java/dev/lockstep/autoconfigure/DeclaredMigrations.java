package dev.lockstep.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.lockstep.autoconfigure.LockstepProperties.Migration;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.fastpath.FastPath;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The migrations of {@code lockstep.migrations.<name>.*}, besides the one of
 * {@code spring.liquibase.*}: each over the DataSource bean it names, in the order of their
 * names, each with its fast path. A name that the endpoint's paths use, a missing changelog
 * or an unknown DataSource bean fails the start, naming the property.
 */
final class DeclaredMigrations {

	private final List<FastPath> fastPaths;

	private static final String PREFIX = "lockstep.migrations";

	/**
	 * Names a declared migration cannot take: the default migration's, and the parts of
	 * {@code /actuator/migrations} that take the same place in its paths.
	 */
	private static final Set<String> RESERVED = Set.of(LockstepAutoConfiguration.DEFAULT_MIGRATION, "history",
			"pending");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	DeclaredMigrations(List<FastPath> fastPaths) {
		this.fastPaths = List.copyOf(fastPaths);
	}

	/**
	 * Return each declared migration's fast path (which names its migration), in the order
	 * the migrations run.
	 * @return the fast paths
	 */
	List<FastPath> fastPaths() {
		return this.fastPaths;
	}

	/**
	 * Return the declared migrations, in the order of their names.
	 * @param declared the properties, by name
	 * @param beanFactory where the DataSource beans are
	 * @return the migrations
	 * @throws InvalidConfigurationPropertyValueException if one is not valid
	 */
	static List<LockstepMigration> migrations(Map<String, Migration> declared, BeanFactory beanFactory) {
		return new TreeMap<>(declared).entrySet()
			.stream()
			.map((entry) -> migration(entry.getKey(), entry.getValue(), beanFactory))
			.toList();
	}

	private static LockstepMigration migration(String name, Migration properties, BeanFactory beanFactory) {
		if (RESERVED.contains(name) || !NAME.matcher(name).matches()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX, name,
					"A migration's name is letters, digits, '-' and '_', and not one of " + RESERVED);
		}
		String dataSourceName = required(name, "data-source", properties.getDataSource());
		String changeLog = required(name, "change-log", properties.getChangeLog());
		MigrationSettings settings = new MigrationSettings(changeLog,
				LiquibasePropertiesMapper.commaDelimited(properties.getContexts()),
				LiquibasePropertiesMapper.commaDelimited(properties.getLabelFilter()), properties.getParameters(),
				properties.getDefaultSchema(), properties.getLiquibaseSchema(), properties.getDatabaseChangeLogTable(),
				properties.getDatabaseChangeLogLockTable(), properties.getLockName());
		return new LockstepMigration(name, dataSource(name, dataSourceName, beanFactory), settings,
				"the database of DataSource bean '" + dataSourceName + "'");
	}

	private static String required(String name, String property, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "." + name + "." + property, value,
					"Migration '" + name + "' needs " + PREFIX + "." + name + "." + property);
		}
		return value;
	}

	private static DataSource dataSource(String name, String dataSourceName, BeanFactory beanFactory) {
		try {
			return beanFactory.getBean(dataSourceName, DataSource.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "." + name + ".data-source", dataSourceName,
					"There is no DataSource bean named '" + dataSourceName + "'");
		}
	}

	/**
	 * Return the names of the declared migrations, before the properties are bound.
	 * @param environment the environment
	 * @return the names
	 */
	static Set<String> names(Environment environment) {
		return Binder.get(environment)
			.bind(PREFIX, Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
	}

	/**
	 * Matches when {@code lockstep.migrations} declares at least one migration.
	 */
	static class Declared extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Set<String> declared = names(context.getEnvironment());
			return declared.isEmpty() ? ConditionOutcome.noMatch("no " + PREFIX + " are declared")
					: ConditionOutcome.match(PREFIX + " declares " + declared);
		}

	}

	/**
	 * Matches when {@code lockstep.migrations} declares none.
	 */
	static final class NoneDeclared extends Declared {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionOutcome declared = super.getMatchOutcome(context, metadata);
			return new ConditionOutcome(!declared.isMatch(), declared.getConditionMessage());
		}

	}

}

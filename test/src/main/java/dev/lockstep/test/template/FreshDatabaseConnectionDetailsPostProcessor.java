package dev.lockstep.test.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.lockstep.engine.MigrationSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Points every {@link JdbcConnectionDetails} of the context (from properties, or from a
 * {@code @ServiceConnection}) at a fresh copy of the template of the context's changelog,
 * on the server it named, and drops the copies when the context is closed.
 */
final class FreshDatabaseConnectionDetailsPostProcessor
		implements BeanPostProcessor, EnvironmentAware, ResourceLoaderAware, DisposableBean {

	private final String templatePrefix;

	private final List<Created> created = new ArrayList<>();

	private @Nullable Environment environment;

	private ResourceLoader resourceLoader = new DefaultResourceLoader();

	FreshDatabaseConnectionDetailsPostProcessor(String templatePrefix) {
		this.templatePrefix = templatePrefix;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JdbcConnectionDetails details) || bean instanceof ClonedConnectionDetails) {
			return bean;
		}
		String url = details.getJdbcUrl();
		if (url == null || !url.startsWith("jdbc:postgresql:")) {
			throw new IllegalStateException("@FreshDatabase copies PostgreSQL template databases, but the test's "
					+ "database is " + url + ". Point spring.datasource.url at a PostgreSQL server whose user may "
					+ "create databases, or use a PostgreSQL container with @ServiceConnection.");
		}
		TemplateDatabases templates = new TemplateDatabases(
				new PostgresServer(url, details.getUsername(), nullToEmpty(details.getPassword())),
				this.templatePrefix);
		ClonedDatabase database = templates.create(migrationSettings(), this.resourceLoader);
		synchronized (this.created) {
			this.created.add(new Created(templates, database));
		}
		return new ClonedConnectionDetails(details, database);
	}

	/**
	 * The settings the context's Lockstep runs with, so that the template is the schema
	 * it would build, and its fast path state matches.
	 */
	private MigrationSettings migrationSettings() {
		if (this.environment == null) {
			throw new IllegalStateException("@FreshDatabase needs the context's environment");
		}
		Binder binder = Binder.get(this.environment);
		LiquibaseProperties properties = binder.bindOrCreate("spring.liquibase", LiquibaseProperties.class);
		String lockName = binder.bind("lockstep.lock.name", String.class).orElse(null);
		Map<String, String> parameters = (properties.getParameters() != null) ? properties.getParameters() : Map.of();
		return new MigrationSettings(properties.getChangeLog(), commaDelimited(properties.getContexts()),
				commaDelimited(properties.getLabelFilter()), parameters, properties.getDefaultSchema(),
				properties.getLiquibaseSchema(), properties.getDatabaseChangeLogTable(),
				properties.getDatabaseChangeLogLockTable(), lockName);
	}

	private static @Nullable String commaDelimited(@Nullable List<String> values) {
		return (values != null && !values.isEmpty()) ? StringUtils.collectionToCommaDelimitedString(values) : null;
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	@Override
	public void destroy() {
		synchronized (this.created) {
			for (Created copy : this.created) {
				copy.templates().drop(copy.database());
			}
			this.created.clear();
		}
	}

	private record Created(TemplateDatabases templates, ClonedDatabase database) {

	}

	/**
	 * The connection details of the original, with the copy's URL.
	 */
	private record ClonedConnectionDetails(JdbcConnectionDetails original,
			ClonedDatabase database) implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return this.original.getUsername();
		}

		@Override
		public @Nullable String getPassword() {
			return this.original.getPassword();
		}

		@Override
		public String getJdbcUrl() {
			return this.database.jdbcUrl();
		}

		@Override
		public @Nullable String getDriverClassName() {
			return this.original.getDriverClassName();
		}

		@Override
		public @Nullable String getXaDataSourceClassName() {
			return this.original.getXaDataSourceClassName();
		}

	}

}

package dev.lockstep.autoconfigure;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.revision.ModelScript;
import dev.lockstep.revision.ReferenceSchema;
import dev.lockstep.revision.RevisionWriter;
import dev.lockstep.revision.SchemaDiff;
import dev.lockstep.revision.SchemaRevisions;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@code check} and {@code revision} commands: the application's
 * JPA model, as its own Hibernate settings build it, compared with the database that
 * Lockstep migrates. In command mode Hibernate's schema action never touches the
 * database: it writes the model's DDL to a script instead.
 */
@AutoConfiguration(after = LockstepMigratorAutoConfiguration.class,
		afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnBean(LockstepMigration.class)
@ConditionalOnProperty("lockstep.command")
public final class LockstepRevisionAutoConfiguration {

	/**
	 * Liquibase's and Lockstep's own tables besides the changelog tables: the fast path's
	 * record and the lease lock.
	 */
	private static final Set<String> LOCKSTEP_TABLES = Set.of("lockstep_fast_path", "lockstep_lock");

	@Bean
	@ConditionalOnMissingBean
	@Conditional(ReferenceCondition.class)
	SchemaRevisions lockstepSchemaRevisions(Migrator migrator, LockstepMigration migration,
			LockstepProperties properties, ObjectProvider<ModelScript> modelScript) {
		LockstepProperties.Revision revision = properties.getRevision();
		String referenceUrl = revision.getReferenceUrl();
		DataSource referenceDatabase = StringUtils.hasText(referenceUrl) ? new DriverManagerDataSource(referenceUrl)
				: migration.dataSource();
		ModelScript script = modelScript.getIfAvailable();
		ReferenceSchema reference = (script != null) ? ReferenceSchema.scratch(referenceDatabase, script::statements)
				: ReferenceSchema.existing(referenceDatabase);
		MigrationSettings settings = migration.settings();
		Set<String> ignored = new HashSet<>(LOCKSTEP_TABLES);
		ignored.add(settings.changelogTableName());
		ignored.add((settings.changelogLockTable() != null) ? settings.changelogLockTable() : "DATABASECHANGELOGLOCK");
		return new SchemaRevisions(migrator, new SchemaDiff(migration.dataSource(), settings.defaultSchema(), ignored),
				reference, new RevisionWriter(Path.of(revision.getSourceDirectory()), settings.changeLog(),
						revision.getAuthor()),
				properties.getMessage());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EntityManagerFactory.class, HibernatePropertiesCustomizer.class })
	@ConditionalOnBean(EntityManagerFactory.class)
	static class JpaModelConfiguration {

		@Bean
		ModelScript lockstepModelScript(ObjectProvider<EntityManagerFactory> entityManagerFactory) {
			return new ModelScript(entityManagerFactory::getObject);
		}

		@Bean
		HibernatePropertiesCustomizer lockstepModelScriptHibernateProperties(ModelScript modelScript) {
			return modelScript::applyTo;
		}

	}

	/**
	 * There is something to compare the database with: a JPA model, or a reference
	 * database.
	 */
	static class ReferenceCondition extends SpringBootCondition {

		private static final String ENTITY_MANAGER_FACTORY = "jakarta.persistence.EntityManagerFactory";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (StringUtils.hasText(context.getEnvironment().getProperty("lockstep.revision.reference-url"))) {
				return ConditionOutcome.match("lockstep.revision.reference-url is set");
			}
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			if (beans != null && ClassUtils.isPresent(ENTITY_MANAGER_FACTORY, context.getClassLoader())
					&& beans.getBeanNamesForType(EntityManagerFactory.class, true, false).length > 0) {
				return ConditionOutcome.match("an EntityManagerFactory is defined");
			}
			return ConditionOutcome.noMatch("no EntityManagerFactory and no lockstep.revision.reference-url");
		}

	}

}

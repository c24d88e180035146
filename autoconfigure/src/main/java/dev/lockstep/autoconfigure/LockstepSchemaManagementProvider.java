package dev.lockstep.autoconfigure;

import javax.sql.DataSource;

import dev.lockstep.engine.LockstepMigration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Spring Boot that Lockstep manages the schema of the database it migrates, so that,
 * as with Spring Boot's own Liquibase support, Hibernate does not create or drop it.
 */
class LockstepSchemaManagementProvider implements SchemaManagementProvider {

	private final ObjectProvider<LockstepMigration> migrations;

	LockstepSchemaManagementProvider(ObjectProvider<LockstepMigration> migrations) {
		this.migrations = migrations;
	}

	@Override
	public SchemaManagement getSchemaManagement(DataSource dataSource) {
		return this.migrations.stream().anyMatch((migration) -> migration.dataSource().equals(dataSource))
				? SchemaManagement.MANAGED : SchemaManagement.UNMANAGED;
	}

}

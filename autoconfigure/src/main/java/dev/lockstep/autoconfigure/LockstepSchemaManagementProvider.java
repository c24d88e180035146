package dev.lockstep.autoconfigure;

import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.fastpath.FastPath;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Spring Boot that Lockstep manages the schema of the database it migrates, so that,
 * as with Spring Boot's own Liquibase support, Hibernate does not create or drop it.
 */
class LockstepSchemaManagementProvider implements SchemaManagementProvider {

	private final ObjectProvider<LockstepMigration> migrations;

	private final ObjectProvider<DeclaredMigrations> declared;

	LockstepSchemaManagementProvider(ObjectProvider<LockstepMigration> migrations,
			ObjectProvider<DeclaredMigrations> declared) {
		this.migrations = migrations;
		this.declared = declared;
	}

	@Override
	public SchemaManagement getSchemaManagement(DataSource dataSource) {
		Stream<LockstepMigration> declared = this.declared.stream()
			.flatMap((migrations) -> migrations.fastPaths().stream())
			.map(FastPath::migration);
		return Stream.concat(this.migrations.stream(), declared)
			.anyMatch((migration) -> migration.dataSource().equals(dataSource)) ? SchemaManagement.MANAGED
					: SchemaManagement.UNMANAGED;
	}

}

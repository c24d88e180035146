package dev.lockstep.engine;

import java.sql.Connection;
import java.util.List;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ResourceAccessor;
import liquibase.structure.core.Catalog;
import liquibase.structure.core.Schema;

import org.springframework.util.StringUtils;

/**
 * Liquibase opened on one connection with the engine's settings.
 */
final class LiquibaseSession implements AutoCloseable {

	private final MigrationSettings settings;

	private final Liquibase liquibase;

	private LiquibaseSession(MigrationSettings settings, Liquibase liquibase) {
		this.settings = settings;
		this.liquibase = liquibase;
	}

	/**
	 * Open a session. Closing it closes the connection.
	 */
	static LiquibaseSession open(Connection connection, ResourceAccessor resources, MigrationSettings settings)
			throws LiquibaseException {
		Database database = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		if (StringUtils.hasText(settings.defaultSchema())) {
			if (database.supports(Schema.class)) {
				database.setDefaultSchemaName(settings.defaultSchema());
			}
			else if (database.supports(Catalog.class)) {
				database.setDefaultCatalogName(settings.defaultSchema());
			}
		}
		if (StringUtils.hasText(settings.liquibaseSchema())) {
			if (database.supports(Schema.class)) {
				database.setLiquibaseSchemaName(settings.liquibaseSchema());
			}
			else if (database.supports(Catalog.class)) {
				database.setLiquibaseCatalogName(settings.liquibaseSchema());
			}
		}
		if (StringUtils.hasText(settings.changelogTable())) {
			database.setDatabaseChangeLogTableName(settings.changelogTable());
		}
		if (StringUtils.hasText(settings.changelogLockTable())) {
			database.setDatabaseChangeLogLockTableName(settings.changelogLockTable());
		}
		Liquibase liquibase = new Liquibase(settings.changeLog(), resources, database);
		settings.parameters().forEach(liquibase::setChangeLogParameter);
		return new LiquibaseSession(settings, liquibase);
	}

	Liquibase liquibase() {
		return this.liquibase;
	}

	Database database() {
		return this.liquibase.getDatabase();
	}

	Contexts contexts() {
		return new Contexts(this.settings.contexts());
	}

	LabelExpression labels() {
		return new LabelExpression(this.settings.labelFilter());
	}

	List<RanChangeSet> ranChangeSets() throws LiquibaseException {
		return Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(database())
			.getRanChangeSets();
	}

	/**
	 * Forget what Liquibase cached about the changelog table, after changing it directly.
	 */
	void resetHistoryCache() {
		Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(database())
			.reset();
	}

	@Override
	public void close() throws LiquibaseException {
		this.liquibase.close();
	}

}

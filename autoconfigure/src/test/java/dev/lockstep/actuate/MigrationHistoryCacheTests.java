package dev.lockstep.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;

import dev.lockstep.autoconfigure.LockstepActuatorAutoConfiguration;
import dev.lockstep.autoconfigure.LockstepAutoConfiguration;
import dev.lockstep.autoconfigure.LockstepMigratorAutoConfiguration;
import dev.lockstep.engine.MigrationHistory;
import dev.lockstep.engine.Migrator;
import dev.lockstep.test.TableChangelogs;
import dev.lockstep.test.TestDatabase;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationHistoryCache}: the history is read once and kept while nothing
 * changes, and read again after an upgrade, a downgrade, a stamp, an edited changeset
 * file and a change made by another Liquibase client.
 */
class MigrationHistoryCacheTests {

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	private Path changelogs;

	private String changeLog;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void writeChangelog() throws IOException {
		String directory = "history-cache/" + UUID.randomUUID();
		this.changelogs = Path.of("target/test-classes", directory);
		Files.createDirectories(this.changelogs);
		Files.writeString(this.changelogs.resolve("master.yaml"), TableChangelogs.creatingTables("a", "b"));
		this.changeLog = "classpath:" + directory + "/master.yaml";
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class,
					LockstepMigratorAutoConfiguration.class, LockstepActuatorAutoConfiguration.class))
			.withPropertyValues(database.datasourceProperties())
			.withPropertyValues("spring.liquibase.change-log=" + this.changeLog);
	}

	@AfterEach
	void removeChangelog() {
		FileSystemUtils.deleteRecursively(this.changelogs.toFile());
	}

	@Test
	void historyIsKeptWhileNothingChanges() {
		this.contextRunner.run((context) -> {
			MigrationHistoryCache cache = context.getBean(MigrationHistoryCache.class);
			MigrationHistory first = cache.history();
			assertThat(first.current().revision().id()).isEqualTo("b");
			assertThat(cache.history()).isSameAs(first);
		});
	}

	@Test
	void historyIsReadAgainAfterEachOperation() {
		this.contextRunner.run((context) -> {
			MigrationHistoryCache cache = context.getBean(MigrationHistoryCache.class);
			Migrator migrator = context.getBean(Migrator.class);
			assertThat(cache.history().pending()).isEmpty();
			migrator.stamp("-1", false);
			assertThat(cache.history().pending()).extracting((entry) -> entry.revision().id()).containsExactly("b");
			migrator.stamp("head", false);
			assertThat(cache.history().pending()).isEmpty();
			migrator.downgrade("-1", false);
			assertThat(cache.history().current().revision().id()).isEqualTo("a");
			migrator.upgrade("head", false);
			assertThat(cache.history().current().revision().id()).isEqualTo("b");
		});
	}

	@Test
	void historyIsReadAgainAfterAnEditedChangelogFile() {
		this.contextRunner.run((context) -> {
			MigrationHistoryCache cache = context.getBean(MigrationHistoryCache.class);
			assertThat(cache.history().pending()).isEmpty();
			Files.writeString(this.changelogs.resolve("master.yaml"), TableChangelogs.creatingTables("a", "b", "c"));
			assertThat(cache.history().pending()).extracting((entry) -> entry.revision().id()).containsExactly("c");
		});
	}

	@Test
	void historyIsReadAgainAfterAnotherLiquibaseClientChangedTheDatabase() {
		this.contextRunner.run((context) -> {
			MigrationHistoryCache cache = context.getBean(MigrationHistoryCache.class);
			assertThat(cache.history().current().revision().id()).isEqualTo("b");
			try (Connection connection = database.connect()) {
				Liquibase foreign = new Liquibase(this.changeLog, new SpringResourceAccessor(new DefaultResourceLoader()),
						new JdbcConnection(connection));
				foreign.rollback(1, null, new Contexts(), new LabelExpression());
			}
			assertThat(cache.history().current().revision().id()).isEqualTo("a");
		});
	}

}

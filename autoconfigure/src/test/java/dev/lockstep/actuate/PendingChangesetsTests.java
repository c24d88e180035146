package dev.lockstep.actuate;

import java.time.Duration;

import javax.sql.DataSource;

import dev.lockstep.DatabaseUnreachableException;
import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Revision;
import dev.lockstep.lock.LockListener;
import dev.lockstep.fastpath.UpToDate;
import dev.lockstep.test.PostgresRunners;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PendingChangesets}: the fast path's answer spares Liquibase, and
 * without one the changelog is read.
 */
class PendingChangesetsTests {

	private static final String CHANGELOG = "classpath:db/ops/changelog.yaml";

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void answerOfTheFastPathIsTakenWithoutReadingTheChangelog() {
		// Nothing listens on port 1: reading the changelog against it would fail.
		Migrator unreachable = migrator(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"));
		CurrentRevision current = new CurrentRevision(new Revision("db/ops/001.yaml", "create-customer", "ops"), "v1");
		PendingChangesets.Summary summary = new PendingChangesets(new MigrationHistoryCache(unreachable, () -> null), () -> new UpToDate(current)).read();
		assertThat(summary.current()).isEqualTo(current);
		assertThat(summary.pendingCount()).isZero();
		assertThatExceptionOfType(DatabaseUnreachableException.class)
			.isThrownBy(() -> new PendingChangesets(new MigrationHistoryCache(unreachable, () -> null), () -> null).read());
	}

	@Test
	void withoutAnAnswerTheChangelogIsRead() {
		PendingChangesets.Summary summary = new PendingChangesets(new MigrationHistoryCache(migrator(database.dataSource()), () -> null), () -> null).read();
		assertThat(summary.current()).isNull();
		assertThat(summary.pendingCount()).isEqualTo(14);
	}

	private static Migrator migrator(DataSource dataSource) {
		return new Migrator(dataSource, new DefaultResourceLoader(), MigrationSettings.of(CHANGELOG),
				PostgresRunners.runner(database.dataSource(), Duration.ofSeconds(5), "pending-changesets-test", LockListener.NONE));
	}

}

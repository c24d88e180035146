package dev.lockstep.autoconfigure;

import java.sql.Connection;

import javax.sql.DataSource;

import dev.lockstep.lease.LeaseLockProvider;
import dev.lockstep.lock.MigrationLocks;
import dev.lockstep.lock.NoMigrationLock;
import dev.lockstep.mariadb.MariaDbLockProvider;
import dev.lockstep.test.H2TestDatabase;
import dev.lockstep.test.MariaDbTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which lock each database gets: its own session lock where Lockstep supports one, else a
 * lease, unless {@code lockstep.lock.kind} says otherwise.
 */
class LockKindTests {

	@RegisterExtension
	static H2TestDatabase h2 = new H2TestDatabase();

	@RegisterExtension
	static MariaDbTestDatabase mariadb = new MariaDbTestDatabase();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LockstepAutoConfiguration.class))
		.withPropertyValues("spring.liquibase.change-log=classpath:db/basic/changelog.yaml", "lockstep.mode=off");

	@Test
	void databaseWithoutASessionLockGetsALease() {
		assertProvider(h2.datasourceProperties(), LeaseLockProvider.class);
	}

	@Test
	void mariaDbGetsItsUserLock() {
		assertProvider(mariadb.datasourceProperties(), MariaDbLockProvider.class);
	}

	@Test
	void kindLeaseForcesTheLeaseOnADatabaseWithASessionLock() {
		assertProvider(mariadb.datasourceProperties(), LeaseLockProvider.class, "lockstep.lock.kind=lease");
	}

	@Test
	void kindNoneLeavesLiquibasesLockTableAlone() {
		assertProvider(mariadb.datasourceProperties(), NoMigrationLock.class, "lockstep.lock.kind=none");
	}

	@Test
	void kindAdvisoryLeavesADatabaseWithoutOneWithNoLock() {
		assertProvider(h2.datasourceProperties(), NoMigrationLock.class, "lockstep.lock.kind=advisory");
	}

	private void assertProvider(String[] datasource, Class<?> expected, String... properties) {
		this.contextRunner.withPropertyValues(datasource).withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(context.getBean(MigrationLocks.class).providerFor(connection)).isInstanceOf(expected);
			}
		});
	}

}

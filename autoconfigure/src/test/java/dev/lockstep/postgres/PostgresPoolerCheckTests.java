package dev.lockstep.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.lockstep.LockstepException;
import dev.lockstep.TransactionPoolingException;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.test.PgBouncer;
import dev.lockstep.test.PgBouncer.PoolMode;
import dev.lockstep.test.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The lock session through PgBouncer, started by the test in each pooling mode: refused in
 * transaction and statement pooling, where the server session changes hands between
 * transactions; a lock like any other in session pooling.
 */
class PostgresPoolerCheckTests {

	private static final LockName NAME = new LockName("lockstep:pooler");

	@RegisterExtension
	@Order(1)
	static TestDatabase database = new TestDatabase();

	@RegisterExtension
	@Order(2)
	static PgBouncer sessionPooling = new PgBouncer(database, PoolMode.SESSION);

	@RegisterExtension
	@Order(3)
	static PgBouncer transactionPooling = new PgBouncer(database, PoolMode.TRANSACTION);

	@RegisterExtension
	@Order(4)
	static PgBouncer statementPooling = new PgBouncer(database, PoolMode.STATEMENT);

	@Test
	void lockSessionThroughTransactionPoolingIsRefusedNamingTheDirectConnection() throws SQLException {
		assertRefused(transactionPooling);
	}

	@Test
	void lockSessionThroughStatementPoolingIsRefused() throws SQLException {
		assertRefused(statementPooling);
	}

	@Test
	void lockThroughSessionPoolingExcludesOtherSessionsThroughThePooler() throws SQLException {
		PostgresLockProvider provider = provider(sessionPooling);
		try (Connection first = sessionPooling.connect(); Connection second = sessionPooling.connect();
				LockSession holder = provider.open(first, NAME, PostgresAdvisoryLockTests.settings("holder"));
				LockSession waiter = provider.open(second, NAME, PostgresAdvisoryLockTests.settings("waiter"))) {
			assertThat(holder.tryAcquire()).isTrue();
			assertThat(waiter.tryAcquire()).isFalse();
			assertThat(waiter.holder()).hasValueSatisfying((held) -> assertThat(held.applicationName()).isEqualTo("holder"));
			holder.release();
			assertThat(waiter.tryAcquire()).isTrue();
			waiter.release();
		}
	}

	/**
	 * The check's limit: without a second connection it cannot tell transaction pooling from
	 * session pooling, and only warns.
	 */
	@Test
	void withoutASecondConnectionTheCheckCannotTellAndOpens() throws SQLException {
		try (Connection connection = transactionPooling.connect()) {
			PostgresLockProvider sameConnection = new PostgresLockProvider(Duration.ofSeconds(1),
					new SingleConnectionDataSource(connection, true));
			assertThatNoException().isThrownBy(
					() -> sameConnection.open(connection, NAME, PostgresAdvisoryLockTests.settings("single")).close());
		}
		HikariConfig config = new HikariConfig();
		config.setDataSource(transactionPooling.dataSource());
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(250);
		try (HikariDataSource poolOfOne = new HikariDataSource(config); Connection connection = poolOfOne.getConnection()) {
			PostgresLockProvider provider = new PostgresLockProvider(Duration.ofSeconds(1), poolOfOne);
			assertThatNoException().isThrownBy(
					() -> provider.open(connection, NAME, PostgresAdvisoryLockTests.settings("pool-of-one")).close());
		}
	}

	private static void assertRefused(PgBouncer pooler) throws SQLException {
		try (Connection connection = pooler.connect()) {
			assertThatExceptionOfType(TransactionPoolingException.class)
				.isThrownBy(() -> provider(pooler).open(connection, NAME, PostgresAdvisoryLockTests.settings("refused")))
				.withMessageStartingWith("The migration connection goes through a connection pooler in transaction or "
						+ "statement pooling mode")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("'spring.liquibase.url'"))
				.satisfies((ex) -> assertThat(ex.getExitCode()).isEqualTo(LockstepException.EXIT_INVALID_CONFIGURATION));
		}
		assertThat(database.jdbc().queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
				+ "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", Integer.class))
			.as("advisory locks left behind")
			.isZero();
	}

	private static PostgresLockProvider provider(PgBouncer pooler) {
		return new PostgresLockProvider(Duration.ofSeconds(1), pooler.dataSource());
	}

}

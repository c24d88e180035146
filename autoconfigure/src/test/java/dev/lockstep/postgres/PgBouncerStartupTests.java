package dev.lockstep.postgres;

import dev.lockstep.TransactionPoolingException;
import dev.lockstep.test.MigratingApplication;
import dev.lockstep.test.PgBouncer;
import dev.lockstep.test.PgBouncer.PoolMode;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose data source goes through PgBouncer in transaction pooling mode: its
 * start is refused before anything changes, unless its migrations have a direct connection
 * of their own.
 */
class PgBouncerStartupTests {

	private static final String CHANGELOG = "classpath:db/race/changelog.yaml";

	@RegisterExtension
	@Order(1)
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@RegisterExtension
	@Order(2)
	static PgBouncer transactionPooling = new PgBouncer(database, PoolMode.TRANSACTION);

	@Test
	void startThroughTransactionPoolingIsRefusedBeforeAnythingChanges() {
		TransactionPoolingException failure = MigratingApplication.failedStart(TransactionPoolingException.class,
				transactionPooling, CHANGELOG);
		assertThat(failure.getMessage()).contains("transaction or statement pooling mode")
			.contains("Lockstep did not take the lock");
		assertThat(failure.getAction()).contains("'spring.liquibase.url'");
		assertThat(database.jdbc().queryForObject(
				"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", Integer.class))
			.as("tables created")
			.isZero();
	}

	@Test
	void migrationsOnADirectConnectionStartWhileTheApplicationStaysOnThePooler() {
		try (ConfigurableApplicationContext context = MigratingApplication.start(transactionPooling, CHANGELOG,
				"spring.liquibase.url=" + database.url(), "spring.liquibase.user=" + database.username(),
				"spring.liquibase.password=" + database.password())) {
			assertThat(context.isActive()).isTrue();
		}
		assertThat(database.jdbc().queryForList("SELECT note FROM runs ORDER BY id", String.class))
			.containsExactly("slow", "after");
	}

}

package dev.lockstep.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DatabaseDescription}: hosts, ports and database, never credentials.
 */
class DatabaseDescriptionTests {

	@Test
	void postgresqlUrlIsReadByTheDriverWithoutItsParameters() {
		assertThat(DatabaseDescription.of("jdbc:postgresql://db.example.com:5433/orders?user=app&password=secret"))
			.isEqualTo("database 'orders' at db.example.com:5433 (postgresql)");
	}

	@Test
	void postgresqlMultiHostUrlNamesEveryHost() {
		assertThat(DatabaseDescription
			.of("jdbc:postgresql://primary.example.com:5432,replica.example.com/orders?targetServerType=primary"))
			.isEqualTo("database 'orders' at primary.example.com:5432, replica.example.com:5432 (postgresql)");
	}

	@Test
	void postgresqlDefaultsAreTheDriversOwn() {
		assertThat(DatabaseDescription.of("jdbc:postgresql:orders"))
			.isEqualTo("database 'orders' at localhost:5432 (postgresql)");
	}

	@Test
	void otherHierarchicalUrlsAreReadAsUris() {
		assertThat(DatabaseDescription.of("jdbc:mysql://shop-db:3306/shop?user=app&password=secret"))
			.isEqualTo("database 'shop' at shop-db:3306 (mysql)");
	}

	@Test
	void otherUrlsLoseTheirParameters() {
		assertThat(DatabaseDescription.of("jdbc:h2:mem:test;PASSWORD=secret")).isEqualTo("jdbc:h2:mem:test");
		assertThat(DatabaseDescription.of(null)).isEqualTo("the configured DataSource");
	}

}

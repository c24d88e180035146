package dev.lockstep.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata describes every {@code lockstep.*} property and
 * adds nothing under {@code spring.liquibase.*}.
 */
class ConfigurationMetadataTests {

	private final List<Map<String, Object>> properties = readProperties();

	@Test
	void everyPropertyHasADescriptionAndEveryLockstepPropertyItsDefault() {
		assertThat(this.properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("lockstep.enabled", "lockstep.mode", "lockstep.command", "lockstep.target",
					"lockstep.output", "lockstep.dry-run", "lockstep.validate.on-pending", "lockstep.fast-path.enabled",
					"lockstep.lock.wait-timeout", "lockstep.lock.poll-interval",
					"lockstep.lock.progress-interval", "lockstep.lock.name", "lockstep.lock.connection-check-interval",
					"lockstep.lock.postgresql.connection-check-interval", "lockstep.history.limit",
					"lockstep.history.offset", "lockstep.history.order", "lockstep.lock.kind",
					"lockstep.lock.lease.duration", "lockstep.endpoint.lock-wait-timeout",
					"lockstep.lint.on-startup", "lockstep.lint.skip", "lockstep.ddl.lock-timeout",
					"lockstep.ddl.lock-retries", "lockstep.ddl.lock-retry-pause",
					"lockstep.message", "lockstep.revision.author", "lockstep.revision.reference-url",
					"lockstep.revision.source-directory", "management.endpoint.migrations.access",
					"management.endpoint.migrations.cache.time-to-live", "lockstep.migration", "lockstep.migrations");
		assertThat(this.properties).allSatisfy(
				(property) -> assertThat((String) property.get("description")).as("%s", property.get("name"))
					.isNotBlank()
					.endsWith("."));
		assertThat(this.properties)
			.filteredOn((property) -> !List.of("lockstep.lock.name", "lockstep.lock.kind", "lockstep.command",
					"lockstep.target", "lockstep.history.limit", "lockstep.migration", "lockstep.migrations",
					"lockstep.lint.skip", "lockstep.message", "lockstep.revision.author",
					"lockstep.revision.reference-url")
				.contains(property.get("name")))
			.filteredOn((property) -> ((String) property.get("name")).startsWith("lockstep."))
			.allSatisfy((property) -> assertThat(property).as("%s", property.get("name")).containsKey("defaultValue"));
		assertThat(this.properties).filteredOn((property) -> property.get("name").equals("lockstep.lock.wait-timeout"))
			.singleElement()
			.satisfies((property) -> assertThat(property).containsEntry("defaultValue", "10m"));
	}

	@Test
	void oldConnectionCheckIntervalKeyIsADeprecatedAliasOfThePostgresqlOne() {
		assertThat(this.properties)
			.filteredOn((property) -> property.get("name").equals("lockstep.lock.connection-check-interval"))
			.singleElement()
			.satisfies((property) -> assertThat(property.get("deprecation")).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("replacement", "lockstep.lock.postgresql.connection-check-interval"));
	}

	@Test
	void addsNothingUnderSpringLiquibase() {
		assertThat(this.properties).extracting((property) -> (String) property.get("name"))
			.noneMatch((name) -> name.startsWith("spring.liquibase."));
	}

	private static List<Map<String, Object>> readProperties() {
		try {
			return JsonPath.parse(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile())
				.read("$.properties");
		}
		catch (IOException ex) {
			throw new IllegalStateException("The build generates the metadata before the tests run", ex);
		}
	}

}

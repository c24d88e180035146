package dev.lockstep.actuate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.lockstep.actuate.EndpointApplication.AuditRecorder;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code migrations} endpoint over JMX: its operations answer with the same
 * descriptors as over HTTP, a refused operation with its reason, and writes are audited.
 */
class MigrationsEndpointJmxTests {

	private static final String[] OPERATE_SIGNATURE = { String.class.getName(), String.class.getName(),
			Boolean.class.getName() };

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = EndpointApplication.start(database, Object.class, EndpointApplication.WITHOUT_SECURITY,
				"spring.jmx.enabled=true", "spring.jmx.unique-names=true",
				"management.endpoints.jmx.exposure.include=migrations",
				"management.endpoint.migrations.access=unrestricted");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void summaryAndPartsAreReadOperations() throws Exception {
		Map<String, Object> summary = (Map<String, Object>) invoke("summary", new Object[0], new String[0]);
		assertThat(summary).containsEntry("upToDate", true).containsEntry("pendingCount", 0).containsKey("current");
		Map<String, Object> history = (Map<String, Object>) invoke("part", new Object[] { "history" },
				new String[] { String.class.getName() });
		assertThat((List<Object>) history.get("changeSets")).hasSize(14);
	}

	@Test
	@SuppressWarnings("unchecked")
	void operateRunsAsTheJmxPrincipalAndIsAudited() throws Exception {
		AuditRecorder recorder = context.getBean(AuditRecorder.class);
		recorder.events.clear();
		List<String> applied = database.appliedIds();
		Map<String, Object> dryRun = (Map<String, Object>) invoke("operate", new Object[] { "stamp", "-1", true },
				OPERATE_SIGNATURE);
		assertThat(dryRun).containsEntry("operation", "stamp").containsEntry("dryRun", true);
		assertThat((String) dryRun.get("sql")).contains("DELETE FROM");
		assertThat(database.appliedIds()).isEqualTo(applied);
		AuditEvent audited = recorder.events.get(0).getAuditEvent();
		assertThat(audited.getPrincipal()).isEqualTo("jmx");
		assertThat(audited.getData()).containsEntry("outcome", "SUCCESS");
	}

	@Test
	void refusedOperationFailsWithItsReasonAndChangesNothing() throws Exception {
		List<String> applied = database.appliedIds();
		assertThatExceptionOfType(MBeanException.class)
			.isThrownBy(() -> invoke("operate", new Object[] { "downgrade", "nope", null }, OPERATE_SIGNATURE))
			.withMessageContaining("No changeset or tag is named 'nope'");
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	private static Object invoke(String operation, Object[] arguments, String[] signature) throws Exception {
		MBeanServer server = context.getBean(MBeanServer.class);
		Set<ObjectName> names = server
			.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Migrations,*"), null);
		assertThat(names).hasSize(1);
		return server.invoke(names.iterator().next(), operation, arguments, signature);
	}

}

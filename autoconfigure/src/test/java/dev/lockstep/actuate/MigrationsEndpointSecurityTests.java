package dev.lockstep.actuate;

import java.util.List;

import dev.lockstep.actuate.EndpointApplication.AuditRecorder;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static dev.lockstep.actuate.EndpointApplication.get;
import static dev.lockstep.actuate.EndpointApplication.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented Spring Security set-up: anyone signed in may read
 * {@code /actuator/migrations}, only the {@code MIGRATIONS_ADMIN} role may write.
 */
class MigrationsEndpointSecurityTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() {
		application = EndpointApplication.start(database, MigrationsSecurityConfiguration.class,
				"management.endpoint.migrations.access=unrestricted");
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void anonymousRequestsAreUnauthorized() throws Exception {
		assertThat(get(application, "/actuator/migrations").status()).isEqualTo(401);
		assertThat(post(application, "/actuator/migrations/downgrade", "{\"target\": \"-1\"}").status())
			.isEqualTo(401);
	}

	@Test
	void viewerReadsButCannotWrite() throws Exception {
		List<String> applied = database.appliedIds();
		assertThat(get(application, "/actuator/migrations", "viewer", "viewer-secret").status()).isEqualTo(200);
		assertThat(post(application, "/actuator/migrations/downgrade", "{\"target\": \"-1\"}", "viewer",
				"viewer-secret")
			.status()).isEqualTo(403);
		assertThat(database.appliedIds()).isEqualTo(applied);
	}

	@Test
	void adminWritesAndIsNamedInTheAuditEvent() throws Exception {
		AuditRecorder recorder = application.getBean(AuditRecorder.class);
		recorder.events.clear();
		EndpointApplication.Response response = post(application, "/actuator/migrations/stamp",
				"{\"target\": \"-1\", \"dryRun\": true}", "admin", "admin-secret");
		assertThat(response.status()).isEqualTo(200);
		assertThat((String) response.read("$.sql")).contains("DELETE FROM public.databasechangelog");
		assertThat(recorder.events).singleElement()
			.satisfies((event) -> assertThat(event.getAuditEvent().getPrincipal()).isEqualTo("admin"));
	}

	/**
	 * The configuration the README documents.
	 */
	@Configuration(proxyBeanMethods = false)
	static class MigrationsSecurityConfiguration {

		@Bean
		SecurityFilterChain migrationsSecurity(HttpSecurity http) throws Exception {
			http.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests
					.requestMatchers(HttpMethod.POST, "/actuator/migrations/**")
					.hasRole("MIGRATIONS_ADMIN")
					.anyRequest()
					.authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.to(MigrationsEndpoint.class)));
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}admin-secret").roles("MIGRATIONS_ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer-secret").roles("VIEWER").build());
		}

	}

}

package dev.lockstep.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lockstep.test.TestDatabase;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A web application with the {@code migrations} endpoint, started on a random port for
 * HTTP tests, with a small HTTP client for it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class EndpointApplication {

	static final String WITHOUT_SECURITY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	private static final HttpClient http = HttpClient.newHttpClient();

	@Bean
	AuditRecorder auditRecorder() {
		return new AuditRecorder();
	}

	static ConfigurableApplicationContext start(TestDatabase database, Class<?> configuration, String... properties) {
		return new SpringApplicationBuilder(EndpointApplication.class, configuration)
			.properties(database.datasourceProperties())
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=migrations,health",
					"management.endpoint.health.show-details=always",
					"spring.liquibase.change-log=classpath:db/ops/changelog.yaml")
			.properties(properties)
			.run();
	}

	static Response get(ConfigurableApplicationContext context, String path, String... credentials)
			throws IOException, InterruptedException {
		return send(context, HttpRequest.newBuilder().GET(), path, credentials);
	}

	static Response post(ConfigurableApplicationContext context, String path, String body, String... credentials)
			throws IOException, InterruptedException {
		return send(context, "POST", path, "application/json", body, credentials);
	}

	static Response send(ConfigurableApplicationContext context, String method, String path, String contentType,
			String body, String... credentials) throws IOException, InterruptedException {
		return send(context,
				HttpRequest.newBuilder()
					.method(method, HttpRequest.BodyPublishers.ofString(body))
					.header("Content-Type", contentType),
				path, credentials);
	}

	private static Response send(ConfigurableApplicationContext context, HttpRequest.Builder request, String path,
			String... credentials) throws IOException, InterruptedException {
		// The actuator's port: the management port where one is set.
		String port = context.getEnvironment()
			.getProperty("local.management.port", context.getEnvironment().getProperty("local.server.port"));
		request.uri(URI.create("http://127.0.0.1:" + port + path));
		if (credentials.length == 2) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((credentials[0] + ":" + credentials[1]).getBytes()));
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	record Response(int status, String body) {

		DocumentContext json() {
			return JsonPath.parse(this.body);
		}

		<T> @Nullable T read(String path) {
			return json().read(path);
		}

	}

	static class AuditRecorder implements ApplicationListener<AuditApplicationEvent> {

		final List<AuditApplicationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AuditApplicationEvent event) {
			this.events.add(event);
		}

	}

}

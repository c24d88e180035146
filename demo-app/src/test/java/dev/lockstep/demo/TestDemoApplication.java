package dev.lockstep.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;

/**
 * Runs the demo for local development against an embedded PostgreSQL, with no setup:
 * {@code ./mvnw -pl demo-app spring-boot:test-run}. The embedded server lives in the test
 * class path only, so the packaged application never starts one; it stops when the JVM
 * does. Given a {@code --spring.datasource.url} of your own, the demo uses that database
 * instead.
 */
public final class TestDemoApplication {

	private static final Log logger = LogFactory.getLog(TestDemoApplication.class);

	private TestDemoApplication() {
	}

	public static void main(String[] args) throws IOException {
		List<String> arguments = new ArrayList<>();
		if (Arrays.stream(args).noneMatch((argument) -> argument.startsWith("--spring.datasource.url="))) {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			String url = postgres.getJdbcUrl("postgres", "postgres");
			logger.info("Local development: started an embedded PostgreSQL at " + url);
			arguments.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password="));
		}
		arguments.addAll(Arrays.asList(args));
		SpringApplication.from(DemoApplication::main).run(arguments.toArray(String[]::new));
	}

}

package dev.lockstep.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walkthrough script against the demo as a newcomer starts it: the
 * local development main class that {@code spring-boot:test-run} runs, with its embedded
 * PostgreSQL, from the test class path.
 */
class WalkthroughIT {

	@Test
	void walkthroughPasses() throws Exception {
		Path output = Files.createTempFile("walkthrough-", ".log");
		ProcessBuilder builder = new ProcessBuilder("bash", "walkthrough.sh").redirectErrorStream(true)
			.redirectOutput(output.toFile());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		builder.environment().put("DEMO", java + " " + TestDemoApplication.class.getName());
		builder.environment().put("CLASSPATH", testClassPath());
		builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_DATASOURCE_"));
		builder.environment().put("PORT", String.valueOf(freePort()));
		Process walkthrough = builder.start();
		assertThat(walkthrough.waitFor(3, TimeUnit.MINUTES)).as("finished").isTrue();
		String log = Files.readString(output);
		assertThat(walkthrough.exitValue()).as(log).isZero();
		assertThat(log).contains("$ curl -fsS localhost:8080/actuator/migrations").endsWith("Walkthrough passed.\n");
	}

	private static String testClassPath() {
		// Failsafe runs the tests from a manifest-only jar and names the class path here.
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		assertThat(classPath).as("the test class path").contains("test-classes");
		return classPath;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

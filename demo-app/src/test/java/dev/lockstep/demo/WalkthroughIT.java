package dev.lockstep.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walkthrough script against the packaged demo jar, with its embedded
 * PostgreSQL, as a newcomer would.
 */
class WalkthroughIT {

	@Test
	void walkthroughPasses() throws Exception {
		Path output = Files.createTempFile("walkthrough-", ".log");
		ProcessBuilder builder = new ProcessBuilder("bash", "walkthrough.sh").redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("JAR", System.getProperty("lockstep.demo.jar"));
		builder.environment().put("PORT", String.valueOf(freePort()));
		Process walkthrough = builder.start();
		assertThat(walkthrough.waitFor(3, TimeUnit.MINUTES)).as("finished").isTrue();
		String log = Files.readString(output);
		assertThat(walkthrough.exitValue()).as(log).isZero();
		assertThat(log).contains("$ curl -fsS localhost:8080/actuator/migrations").endsWith("Walkthrough passed.\n");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

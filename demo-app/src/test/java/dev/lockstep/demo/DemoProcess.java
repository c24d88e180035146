package dev.lockstep.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.lockstep.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged demo jar running as a process of its own, with its output in a file.
 */
final class DemoProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private DemoProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Start the demo jar against the given database.
	 * @param database the database
	 * @param arguments more application arguments
	 * @return the running process
	 * @throws IOException if the process could not be started
	 */
	static DemoProcess start(TestDatabase database, String... arguments) throws IOException {
		String jar = System.getProperty("lockstep.demo.jar");
		assertThat(jar).as("system property lockstep.demo.jar (set by the build)").isNotNull();
		assertThat(Path.of(jar)).as("the packaged demo jar").exists();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar, "--spring.main.banner-mode=off"));
		for (String property : database.datasourceProperties()) {
			command.add("--" + property);
		}
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile("lockstep-demo-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new DemoProcess(process, output);
	}

	long pid() {
		return this.process.pid();
	}

	String output() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void awaitOutput(String text, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(output()).as("output of demo process %d", pid()).contains(text));
	}

	int awaitExit(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.as("demo process %d exited within %s; its output:%n%s", pid(), timeout, output())
			.isTrue();
		return this.process.exitValue();
	}

	/**
	 * Send SIGTERM, as Kubernetes does when it stops a pod.
	 */
	void terminate() {
		this.process.destroy();
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}

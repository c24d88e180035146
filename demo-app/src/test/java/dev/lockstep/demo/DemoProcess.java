package dev.lockstep.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lockstep.test.ServerDatabase;

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
	static DemoProcess start(ServerDatabase database, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		for (String property : database.datasourceProperties()) {
			String key = "--" + property.substring(0, property.indexOf('=') + 1);
			// An argument of the test's own replaces the database's (Spring would join both).
			if (Arrays.stream(arguments).noneMatch((argument) -> argument.startsWith(key))) {
				command.add("--" + property);
			}
		}
		command.addAll(List.of(arguments));
		return start(command);
	}

	/**
	 * Start one of several instances racing to migrate a changelog of the tests' own, with
	 * no web server and a long lock wait. Hibernate's validation is off: none of the demo's
	 * tables are there.
	 * @param database the database
	 * @param changelog the changelog's folder under {@code db/} of the test classes
	 * @return the running process
	 * @throws IOException if the process could not be started
	 */
	static DemoProcess startRacing(ServerDatabase database, String changelog) throws IOException {
		return start(database, testChangelog(changelog), "--spring.main.web-application-type=none",
				"--lockstep.lock.wait-timeout=2m", "--spring.jpa.hibernate.ddl-auto=none");
	}

	/**
	 * Return the argument that points the demo at a changelog of the tests' own.
	 * @param changelog the changelog's folder under {@code db/} of the test classes
	 * @return the {@code spring.liquibase.change-log} argument
	 */
	static String testChangelog(String changelog) {
		return "--spring.liquibase.change-log=file:"
				+ Path.of("target/test-classes/db/" + changelog + "/changelog.yaml").toAbsolutePath();
	}

	private static DemoProcess start(List<String> arguments) throws IOException {
		String jar = System.getProperty("lockstep.demo.jar");
		assertThat(jar).as("system property lockstep.demo.jar (set by the build)").isNotNull();
		assertThat(Path.of(jar)).as("the packaged demo jar").exists();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar, "--spring.main.banner-mode=off"));
		command.addAll(arguments);
		Path output = Files.createTempFile("lockstep-demo-", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		// Only the arguments say which database to use.
		builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_DATASOURCE_"));
		return new DemoProcess(builder.start(), output);
	}

	/**
	 * Run the demo jar to its end.
	 * @param database the database
	 * @param arguments more application arguments
	 * @return its exit code and output
	 * @throws Exception if it could not be run or did not end within two minutes
	 */
	static Finished run(ServerDatabase database, String... arguments) throws Exception {
		try (DemoProcess process = start(database, arguments)) {
			int exitCode = process.awaitExit(Duration.ofMinutes(2));
			return new Finished(exitCode, process.output());
		}
	}

	/**
	 * Run the demo jar to its end with no database settings at all.
	 * @param arguments application arguments
	 * @return its exit code and output
	 * @throws Exception if it could not be run or did not end within two minutes
	 */
	static Finished runWithoutDatabase(String... arguments) throws Exception {
		try (DemoProcess process = start(List.of(arguments))) {
			int exitCode = process.awaitExit(Duration.ofMinutes(2));
			return new Finished(exitCode, process.output());
		}
	}

	/**
	 * Wait until the web server listens.
	 * @return its port
	 */
	int awaitPort() {
		Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
			assertThat(this.process.isAlive()).as("demo process %d is running; its output:%n%s", pid(), output())
				.isTrue();
			return started.matcher(output()).find();
		});
		Matcher matcher = started.matcher(output());
		matcher.find();
		return Integer.parseInt(matcher.group(1));
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

	/**
	 * A run of the demo jar that ended.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 */
	record Finished(int exitCode, String output) {

	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}

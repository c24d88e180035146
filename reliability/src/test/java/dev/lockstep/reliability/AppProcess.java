package dev.lockstep.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.lockstep.reliability.app.ReliabilityApplication;
import dev.lockstep.test.ServerDatabase;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReliabilityApplication} as a process of its own, on the test's class path, with
 * its output in a file.
 */
final class AppProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private final CompletableFuture<Long> exitedAt;

	private AppProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
		this.exitedAt = process.onExit().thenApply((ended) -> System.nanoTime());
	}

	/**
	 * Start the application against a database with a changelog; with no web server unless
	 * the arguments set one.
	 * @param database the database
	 * @param changelog the changelog's location
	 * @param arguments more application arguments
	 * @return the process
	 */
	static AppProcess start(ServerDatabase database, String changelog, String... arguments) {
		List<String> command = java(System.getProperty("java.class.path"), ReliabilityApplication.class.getName());
		command.addAll(List.of("--spring.main.banner-mode=off", "--spring.liquibase.change-log=" + changelog));
		if (List.of(arguments).stream().noneMatch((argument) -> argument.startsWith("--server.port"))) {
			command.add("--spring.main.web-application-type=none");
		}
		for (String property : database.datasourceProperties()) {
			String key = "--" + property.substring(0, property.indexOf('=') + 1);
			if (List.of(arguments).stream().noneMatch((argument) -> argument.startsWith(key))) {
				command.add("--" + property);
			}
		}
		command.addAll(List.of(arguments));
		return start(command);
	}

	/**
	 * Start a main class of the test class path, without Lockstep's own classes: a plain
	 * Liquibase client.
	 * @param mainClass the main class
	 * @param jvmOptions options for the JVM, such as system properties
	 * @param arguments its arguments
	 * @return the process
	 */
	static AppProcess startWithoutLockstep(Class<?> mainClass, List<String> jvmOptions, String... arguments) {
		String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.contains("lockstep-spring-boot-autoconfigure")
					&& !entry.replace('\\', '/').contains("autoconfigure/target"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = java(classPath, null);
		command.addAll(jvmOptions);
		command.add(mainClass.getName());
		command.addAll(List.of(arguments));
		return start(command);
	}

	private static List<String> java(String classPath, @Nullable String mainClass) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-cp", classPath));
		if (mainClass != null) {
			command.add(mainClass);
		}
		return command;
	}

	private static AppProcess start(List<String> command) {
		try {
			Path output = Files.createTempFile("lockstep-reliability-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_") || name.startsWith("LIQUIBASE_"));
			return new AppProcess(builder.start(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return when the process exited, as a {@link System#nanoTime()} value, once it has.
	 * @return the time
	 */
	long exitedAt() {
		return this.exitedAt.join();
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String output() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Wait for the process to end.
	 * @param timeout the longest wait, a failure beyond it
	 * @return its exit code
	 * @throws InterruptedException if interrupted
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.as("process %d exited within %s; its output:%n%s", pid(), timeout, output())
			.isTrue();
		return this.process.exitValue();
	}

	/**
	 * Kill the process with SIGKILL and wait until it is gone.
	 * @throws InterruptedException if interrupted
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			Files.deleteIfExists(this.output);
		}
		catch (IOException ex) {
			// A temporary file: the system cleans it up.
		}
	}

}

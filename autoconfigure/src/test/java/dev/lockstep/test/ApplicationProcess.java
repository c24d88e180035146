package dev.lockstep.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A main class of the test class path run as a process of its own, with its output in a
 * file.
 */
public final class ApplicationProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private ApplicationProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Start a main class of the test class path.
	 * @param mainClass the main class
	 * @param arguments its arguments
	 * @return the running process
	 * @throws IOException if the process could not be started
	 */
	public static ApplicationProcess start(Class<?> mainClass, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(arguments);
		Path output = Files.createTempFile("lockstep-process-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new ApplicationProcess(process, output);
	}

	/**
	 * Wait for the process to end.
	 * @param timeout how long to wait at most
	 * @return its exit code
	 * @throws InterruptedException if interrupted while waiting
	 */
	public int awaitExit(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.as("process %d exited within %s; its output:%n%s", this.process.pid(), timeout, output())
			.isTrue();
		return this.process.exitValue();
	}

	/**
	 * Return what the process printed so far.
	 * @return its output
	 */
	public String output() {
		try {
			return Files.readString(this.output);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.process.destroyForcibly();
		Files.deleteIfExists(this.output);
	}

}

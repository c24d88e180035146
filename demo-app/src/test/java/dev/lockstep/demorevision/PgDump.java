package dev.lockstep.demorevision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.lockstep.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pg_dump --schema-only} of a test database: its structure, byte for byte.
 */
final class PgDump {

	private PgDump() {
	}

	static String schema(TestDatabase database) throws IOException, InterruptedException {
		String uri = database.url().replaceFirst("^jdbc:postgresql://", "postgresql://" + database.username() + "@");
		ProcessBuilder builder = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", uri);
		builder.environment().put("PGPASSWORD", database.password());
		Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("pg_dump ended").isTrue();
		assertThat(process.exitValue()).as("pg_dump's exit code").isZero();
		// pg_dump 15.14 and later fence the dump with restrict and unrestrict meta-commands that
		// carry a new random key each time: not part of the schema.
		return dump.lines()
			.filter((line) -> !line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict "))
			.collect(Collectors.joining("\n", "", "\n"));
	}

}

package dev.lockstep.test.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs that ask for a fresh database of the same changelog at once build its template
 * once: the one that builds holds the advisory lock for the three seconds its slow
 * changeset takes, and the other waits, then copies what the first built.
 */
class ConcurrentTemplateBuildTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	private final TemplateServer server = new TemplateServer(database);

	@TempDir
	Path changelogs;

	@AfterEach
	void dropTemplates() throws SQLException {
		this.server.dropTemplates();
	}

	@Test
	void twoProcessesBuildTheSameTemplateOnce() throws IOException, InterruptedException, SQLException {
		Path changelog = this.changelogs.resolve("changelog.yaml");
		Files.writeString(changelog, """
				databaseChangeLog:
				  - changeSet:
				      id: slow
				      author: test
				      changes:
				        - sql:
				            sql: CREATE TABLE slow AS SELECT 1 AS id FROM pg_sleep(3)
				""");
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), TemplateBuildProcess.class.getName(),
					this.server.server().url(), this.server.server().username(), this.server.server().password(),
					this.server.prefix(), changelog.toUri().toString())
				.redirectErrorStream(true)
				.start());
		}
		List<String> outcomes = new ArrayList<>();
		for (Process process : processes) {
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();
			outcomes.add(output.lines().filter((line) -> line.startsWith("built=")).findFirst().orElseThrow());
		}
		String template = this.server.templatesOnServer().get(0);
		assertThat(outcomes).containsExactlyInAnyOrder("built=true template=" + template,
				"built=false template=" + template);
		assertThat(this.server.templatesOnServer()).containsExactly(template);
	}

}

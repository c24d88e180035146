package dev.lockstep.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub Actions workflows parse, and hold the jobs and limits they promise.
 */
@SuppressWarnings("unchecked")
class WorkflowFilesTests {

	private static final Path WORKFLOWS = Path.of("../.github/workflows");

	@Test
	void everyWorkflowReadsContentsOnlyAndEveryJobHasATimeout() throws IOException {
		try (var files = Files.list(WORKFLOWS)) {
			List<Path> workflows = files.toList();
			assertThat(workflows).extracting((file) -> file.getFileName().toString())
				.containsExactlyInAnyOrder("ci.yml", "release.yml");
			for (Path file : workflows) {
				Map<String, Object> workflow = new Yaml().load(Files.readString(file));
				assertThat(workflow).as(file.toString()).containsEntry("permissions", Map.of("contents", "read"));
				assertThat(map(workflow, "concurrency")).as(file.toString()).containsKey("group");
				map(workflow, "jobs").forEach((name, job) -> assertThat((Map<String, Object>) job)
					.as("%s: job %s", file, name)
					.containsKey("timeout-minutes"));
			}
		}
	}

	@Test
	void ciTestsEveryJdkAndLiquibaseLineAndTheOldestAndNewestPostgres() throws IOException {
		Map<String, Object> test = job("ci.yml", "test");
		Map<String, Object> matrix = map(map(test, "strategy"), "matrix");
		assertThat((List<String>) matrix.get("java")).containsExactly("17", "25");
		assertThat((List<String>) matrix.get("liquibase")).containsExactly("4.33", "5");
		List<Map<String, Object>> include = (List<Map<String, Object>>) matrix.get("include");
		assertThat(include).extracting((entry) -> entry.get("postgres")).containsExactly("11", "14");
		assertThat((List<String>) matrix.get("postgres")).containsExactly("18");
		assertThat(map(map(test, "services"), "postgres")).containsEntry("image", "postgres:${{ matrix.postgres }}");
		assertThat(run(test)).contains("./mvnw -B -ntp -Dliquibase.line=${{ matrix.liquibase }} verify");
		Map<String, Object> upload = step(test, "actions/upload-artifact@v4");
		assertThat(upload).containsEntry("if", "failure()");
		assertThat((String) map(upload, "with").get("path")).contains("**/target/surefire-reports/")
			.contains("**/target/failsafe-reports/");
	}

	@Test
	void ciTestsMariaDbInTheMatrixAndMySqlInAJobOfItsOwn() throws IOException {
		Map<String, Object> test = job("ci.yml", "test");
		Map<String, Object> matrix = map(map(test, "strategy"), "matrix");
		assertThat((List<String>) matrix.get("mariadb")).containsExactly("11.4");
		assertThat(map(map(test, "services"), "mariadb")).containsEntry("image", "mariadb:${{ matrix.mariadb }}");
		assertThat(map(test, "env")).containsKey("LOCKSTEP_TEST_MARIADB_URL");
		Map<String, Object> mysql = job("ci.yml", "mysql");
		assertThat(map(map(mysql, "services"), "mysql")).containsEntry("image", "mysql:8.4");
		assertThat(run(mysql)).contains("-pl autoconfigure,demo-app -am verify")
			.contains("-Dtest='MariaDb*'")
			.contains("-Dit.test='MariaDb*'");
	}

	@Test
	void ciBuildsTheDemoImageAndTheNativeDemoRunsTheWalkthrough() throws IOException {
		Map<String, Object> build = step(job("ci.yml", "image"), "docker/build-push-action@v6");
		assertThat(map(build, "with")).containsEntry("file", "demo-app/Dockerfile").containsEntry("push", false);
		Map<String, Object> nativeJob = job("ci.yml", "native");
		assertThat(step(nativeJob, "graalvm/setup-graalvm@v1")).isNotNull();
		assertThat(run(nativeJob)).contains("./mvnw -B -ntp -P native -pl demo-app -am package")
			.contains("demo-app/walkthrough.sh");
	}

	@Test
	void releasePublishesOnAVersionTagWithSecretsAndPushesTheImageTheManifestsName() throws IOException {
		Map<String, Object> release = workflow("release.yml");
		// YAML 1.1 reads the key "on" as true.
		Map<String, Object> on = (Map<String, Object>) ((Map<Object, Object>) (Map<?, ?>) release).get(true);
		assertThat(map(on, "push")).containsEntry("tags", List.of("v*"));
		Map<String, Object> publish = job("release.yml", "publish");
		assertThat(run(publish)).contains("./mvnw -B -ntp -P release deploy");
		Map<String, Object> deploy = ((List<Map<String, Object>>) publish.get("steps")).stream()
			.filter((step) -> String.valueOf(step.get("run")).contains("-P release deploy"))
			.findFirst()
			.orElseThrow();
		assertThat(map(deploy, "env")).containsOnlyKeys("MAVEN_CENTRAL_USERNAME", "MAVEN_CENTRAL_PASSWORD",
				"MAVEN_GPG_KEY", "MAVEN_GPG_PASSPHRASE");
		map(deploy, "env").forEach((name, value) -> assertThat(value).isEqualTo("${{ secrets." + name + " }}"));
		Map<String, Object> image = job("release.yml", "image");
		assertThat(image).containsEntry("needs", "publish");
		assertThat(map(image, "permissions")).containsEntry("packages", "write");
		Map<String, Object> push = map(step(image, "docker/build-push-action@v6"), "with");
		assertThat(push).containsEntry("push", true).containsEntry("file", "demo-app/Dockerfile");
		String deployment = Files.readString(Path.of("k8s/deployment.yaml"));
		assertThat(deployment).contains("image: ghcr.io/lockstep-dev/lockstep-demo:");
		assertThat((String) push.get("tags")).contains("ghcr.io/lockstep-dev/lockstep-demo:");
	}

	private static Map<String, Object> workflow(String name) throws IOException {
		return new Yaml().load(Files.readString(WORKFLOWS.resolve(name)));
	}

	private static Map<String, Object> job(String workflow, String name) throws IOException {
		return map(map(workflow(workflow), "jobs"), name);
	}

	private static String run(Map<String, Object> job) {
		return String.join("\n", ((List<Map<String, Object>>) job.get("steps")).stream()
			.map((step) -> String.valueOf(step.get("run")))
			.toList());
	}

	private static Map<String, Object> step(Map<String, Object> job, String uses) {
		List<Map<String, Object>> steps = ((List<Map<String, Object>>) job.get("steps")).stream()
			.filter((step) -> uses.equals(step.get("uses")))
			.toList();
		assertThat(steps).as("steps using %s", uses).hasSize(1);
		return steps.get(0);
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

}

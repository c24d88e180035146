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
 * No cluster runs here: these tests parse the Kubernetes manifests, the Compose file and
 * the Dockerfile and check what they promise.
 */
@SuppressWarnings("unchecked")
class DeploymentFilesTests {

	private static final String IMAGE = "ghcr.io/lockstep-dev/lockstep-demo:0.1.0";

	@Test
	void deploymentMigratesInAnInitContainerAndRunsTheAppInValidateMode() throws IOException {
		Map<String, Object> deployment = yaml("k8s/deployment.yaml");
		Map<String, Object> spec = map(deployment, "spec");
		assertThat(spec).containsEntry("replicas", 3);
		Map<String, Object> pod = map(map(spec, "template"), "spec");
		assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
		Map<String, Object> migrate = single(list(pod, "initContainers"));
		assertThat(migrate).containsEntry("image", IMAGE).containsEntry("args", List.of("--lockstep.mode=migrate-only"));
		Map<String, Object> app = single(list(pod, "containers"));
		assertThat(app).containsEntry("image", IMAGE).containsEntry("args", List.of("--lockstep.mode=validate"));
		assertThat(list(app, "ports")).containsExactly(Map.of("name", "http", "containerPort", 8080));
		assertThat(map(map(app, "livenessProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness")
			.containsEntry("port", "http");
		assertThat(map(map(app, "readinessProbe"), "httpGet")).containsEntry("path", "/actuator/health/readiness")
			.containsEntry("port", "http");
		assertThat(map(map(app, "startupProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness");
		assertThat(migrate.get("envFrom")).isEqualTo(app.get("envFrom"));
	}

	@Test
	void jobRunsOneMigrationAndStops() throws IOException {
		Map<String, Object> pod = map(map(map(yaml("k8s/job.yaml"), "spec"), "template"), "spec");
		assertThat(pod).containsEntry("restartPolicy", "Never");
		assertThat(single(list(pod, "containers"))).containsEntry("image", IMAGE)
			.containsEntry("args", List.of("--lockstep.mode=migrate-only"));
	}

	@Test
	void serviceRoutesToTheDeploymentsHttpPort() throws IOException {
		Map<String, Object> spec = map(yaml("k8s/service.yaml"), "spec");
		Map<String, Object> deploymentLabels = map(map(map(map(yaml("k8s/deployment.yaml"), "spec"), "template"),
				"metadata"), "labels");
		assertThat(map(spec, "selector")).isEqualTo(deploymentLabels);
		assertThat(single(list(spec, "ports"))).containsEntry("targetPort", "http");
	}

	@Test
	void readinessProbeIncludesTheMigrationsHealth() throws IOException {
		Map<String, Object> health = map(map(map(yaml("src/main/resources/application.yaml"), "management"),
				"endpoint"), "health");
		assertThat(map(health, "probes")).containsEntry("enabled", true);
		assertThat((String) map(map(health, "group"), "readiness").get("include")).contains("migrations");
	}

	@Test
	void composeStartsThreeReplicasAgainstOnePostgres() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml"), "services");
		Map<String, Object> app = map(services, "app");
		assertThat(map(app, "deploy")).containsEntry("replicas", 3);
		assertThat(map(app, "environment")).containsEntry("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://postgres:5432/library");
		assertThat((String) map(services, "postgres").get("image")).startsWith("postgres:");
	}

	@Test
	void dockerfileShipsTheLayeredJarAsANonRootUser() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("COPY target/lockstep-demo-app.jar")
			.contains("-Djarmode=tools -jar app.jar extract --layers --launcher")
			.contains("USER 10001")
			.contains("EXPOSE 8080")
			.contains("org.springframework.boot.loader.launch.JarLauncher")
			.doesNotContainPattern("(?m)^RUN .*mvn");
	}

	private static Map<String, Object> yaml(String path) throws IOException {
		return new Yaml().load(Files.readString(Path.of(path)));
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (List<Map<String, Object>>) parent.get(key);
	}

	private static Map<String, Object> single(List<Map<String, Object>> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

}

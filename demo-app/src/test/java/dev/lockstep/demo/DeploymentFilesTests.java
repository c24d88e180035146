package dev.lockstep.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.lockstep.autoconfigure.LockstepProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.convert.DurationStyle;

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
	void everyPodMeetsTheRestrictedPodSecurityStandard() throws IOException {
		for (Map<String, Object> pod : pods()) {
			Map<String, Object> podSecurity = map(pod, "securityContext");
			for (Map<String, Object> container : containers(pod)) {
				String name = (String) container.get("name");
				Map<String, Object> security = map(container, "securityContext");
				assertThat(security).as(name)
					.containsEntry("allowPrivilegeEscalation", false)
					.containsEntry("readOnlyRootFilesystem", true);
				assertThat(map(security, "capabilities")).as(name).containsEntry("drop", List.of("ALL"));
				assertThat(setting(podSecurity, security, "runAsNonRoot")).as(name).isEqualTo(true);
				assertThat(setting(podSecurity, security, "runAsUser")).as(name).isNotEqualTo(0);
				assertThat(setting(podSecurity, security, "seccompProfile")).as(name)
					.isEqualTo(Map.of("type", "RuntimeDefault"));
				assertThat(security).as(name).doesNotContainKeys("privileged", "runAsUser");
			}
		}
	}

	@Test
	void everyContainerHasAWritableTmpOnItsReadOnlyRootFileSystem() throws IOException {
		for (Map<String, Object> pod : pods()) {
			List<Map<String, Object>> volumes = list(pod, "volumes");
			for (Map<String, Object> container : containers(pod)) {
				Map<String, Object> tmp = single(list(container, "volumeMounts").stream()
					.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
					.toList());
				assertThat(tmp).doesNotContainKey("readOnly");
				Map<String, Object> volume = single(
						volumes.stream().filter((candidate) -> tmp.get("name").equals(candidate.get("name"))).toList());
				assertThat(volume).as(container.get("name") + "'s /tmp").containsKey("emptyDir");
			}
		}
	}

	@Test
	void everyContainerRequestsAndLimitsCpuAndMemory() throws IOException {
		for (Map<String, Object> pod : pods()) {
			for (Map<String, Object> container : containers(pod)) {
				Map<String, Object> resources = map(container, "resources");
				assertThat(map(resources, "requests")).as(container.get("name") + " requests")
					.containsKeys("cpu", "memory");
				assertThat(map(resources, "limits")).as(container.get("name") + " limits")
					.containsKeys("cpu", "memory");
			}
		}
	}

	@Test
	void terminationGracePeriodCoversTheApplicationsGracefulShutdown() throws IOException {
		Duration shutdownPhase = DurationStyle.detectAndParse((String) map(map(
				yaml("src/main/resources/application.yaml"), "spring"), "lifecycle").get("timeout-per-shutdown-phase"));
		for (Map<String, Object> pod : pods()) {
			assertThat(pod).containsKey("terminationGracePeriodSeconds");
			Duration grace = Duration.ofSeconds((Integer) pod.get("terminationGracePeriodSeconds"));
			// A replica that waits for the lock exits within seconds of SIGTERM; one that serves
			// requests takes up to the shutdown phase's timeout, and then stops its JVM.
			assertThat(grace).isGreaterThanOrEqualTo(shutdownPhase.plusSeconds(10));
		}
	}

	@Test
	void jobRunsOneMigrationAndStops() throws IOException {
		Map<String, Object> spec = map(yaml("k8s/job.yaml"), "spec");
		Map<String, Object> pod = map(map(spec, "template"), "spec");
		assertThat(pod).containsEntry("restartPolicy", "Never");
		assertThat(single(list(pod, "containers"))).containsEntry("image", IMAGE)
			.containsEntry("args", List.of("--lockstep.mode=migrate-only"));
		assertThat((Integer) spec.get("ttlSecondsAfterFinished")).isPositive();
		// Longer than the wait for a lock held elsewhere, so that a run that times out waiting
		// ends on its own, naming the holder, rather than being stopped by Kubernetes.
		Duration lockWait = new LockstepProperties().getLock().getWaitTimeout();
		assertThat(Duration.ofSeconds((Integer) spec.get("activeDeadlineSeconds"))).isGreaterThan(lockWait);
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
	void kustomizationAppliesEveryManifestButTheJobWithTheImageTheManifestsName() throws IOException {
		Map<String, Object> kustomization = yaml("k8s/kustomization.yaml");
		List<String> manifests;
		try (Stream<Path> files = Files.list(Path.of("k8s"))) {
			manifests = files.map((file) -> file.getFileName().toString())
				.filter((name) -> !name.equals("kustomization.yaml") && !name.equals("job.yaml"))
				.toList();
		}
		assertThat((List<String>) kustomization.get("resources")).containsExactlyInAnyOrderElementsOf(manifests);
		String[] image = IMAGE.split(":");
		assertThat(single(list(kustomization, "images"))).containsEntry("name", image[0])
			.containsEntry("newTag", image[1]);
	}

	@Test
	void readinessProbeIncludesTheMigrationsHealth() throws IOException {
		Map<String, Object> health = health();
		assertThat(map(health, "probes")).containsEntry("enabled", true);
		assertThat((String) map(map(health, "group"), "readiness").get("include")).contains("migrations");
	}

	@Test
	void healthDetailsAreForAuthorizedUsersOnly() throws IOException {
		Map<String, Object> health = health();
		assertThat(health).containsEntry("show-details", "when-authorized").doesNotContainKey("show-components");
	}

	@Test
	void composeBuildsTheImageFromTheSourcesAndStartsThreeReplicasAgainstOnePostgres() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml"), "services");
		Map<String, Object> app = map(services, "app");
		assertThat(map(app, "build")).containsEntry("context", "..").containsEntry("dockerfile", "demo-app/Dockerfile");
		assertThat(map(app, "deploy")).containsEntry("replicas", 3);
		assertThat(map(app, "environment")).containsEntry("SPRING_DATASOURCE_URL",
				"jdbc:postgresql://postgres:5432/library");
		assertThat((String) map(services, "postgres").get("image")).startsWith("postgres:");
	}

	@Test
	void dockerfileBuildsTheJarItselfAndShipsItLayeredAsTheManifestsNonRootUser() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).containsPattern("(?m)^FROM \\S+-jdk AS build$")
			.containsPattern("(?m)^RUN .*\\./mvnw .*-pl demo-app -am package")
			.contains("COPY --from=build /src/demo-app/target/lockstep-demo-app.jar app.jar")
			.contains("-Djarmode=tools -jar app.jar extract --layers --launcher")
			.containsPattern("(?m)^FROM \\S+-jre$")
			.contains("EXPOSE 8080")
			.containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-XX:MaxRAMPercentage=[0-9.]+\", .*"
					+ "\"org.springframework.boot.loader.launch.JarLauncher\"\\]$");
		Integer user = (Integer) map(map(map(map(yaml("k8s/deployment.yaml"), "spec"), "template"), "spec"),
				"securityContext")
			.get("runAsUser");
		assertThat(dockerfile).contains("useradd --system --uid " + user).contains("USER " + user);
		// The build context is the repository root: the ignore file keeps build output out.
		assertThat(Files.readAllLines(Path.of("../.dockerignore"))).contains("**/target/");
	}

	private static Map<String, Object> health() throws IOException {
		return map(map(map(yaml("src/main/resources/application.yaml"), "management"), "endpoint"), "health");
	}

	private static List<Map<String, Object>> pods() throws IOException {
		return List.of(map(map(map(yaml("k8s/deployment.yaml"), "spec"), "template"), "spec"),
				map(map(map(yaml("k8s/job.yaml"), "spec"), "template"), "spec"));
	}

	private static List<Map<String, Object>> containers(Map<String, Object> pod) {
		List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
		if (pod.containsKey("initContainers")) {
			containers.addAll(list(pod, "initContainers"));
		}
		return containers;
	}

	private static Object setting(Map<String, Object> pod, Map<String, Object> container, String key) {
		return container.containsKey(key) ? container.get(key) : pod.get(key);
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

	private static <T> T single(List<T> items) {
		assertThat(items).hasSize(1);
		return items.get(0);
	}

}

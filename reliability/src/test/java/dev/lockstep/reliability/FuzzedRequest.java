package dev.lockstep.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * A seeded random request to the {@code migrations} endpoint's writes: well-formed and
 * malformed bodies, every form of target and many that are wrong, odd content types,
 * methods and paths, and large sizes.
 *
 * @param method the HTTP method
 * @param path the path
 * @param contentType the content type, or {@code null} for none
 * @param body the body
 */
record FuzzedRequest(String method, String path, @Nullable String contentType, byte[] body) {

	private static final List<String> PATHS = List.of("/actuator/migrations/upgrade", "/actuator/migrations/downgrade",
			"/actuator/migrations/stamp", "/actuator/migrations", "/actuator/migrations/history",
			"/actuator/migrations/sideways", "/actuator/migrations/upgrade/head", "/actuator/migrations/%2e%2e");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=UTF-8",
			"application/vnd.spring-boot.actuator.v3+json", "text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json;charset=EBCDIC",
			"application/octet-stream", "nonsense", "*/*", "application/*", "*/json", "*", "application/json;charset");

	private static final List<String> TARGETS = List.of("\"head\"", "\"base\"", "\"+1\"", "\"-1\"", "\"+2\"", "\"-2\"",
			"\"+0\"", "\"-0\"", "\"+999999\"", "\"-999999\"", "\"+99999999999999999999\"", "\"cs-003\"", "\"cs-010\"",
			"\"cs-999\"", "\"nope\"", "\"\"", "\"   \"", "\"\\u0000\"", "\"\uD83D\uDE42\"", "\"'; DROP TABLE x; --\"",
			"\"2020-01-01T00:00:00\"", "\"9999-12-31T23:59:59\"", "\"2020-13-45\"", "\"::cs-001::\"",
			"\"a::b::c::d\"", "null", "5", "true", "[]", "{}", "[\"head\"]");

	private static final List<String> DRY_RUNS = List.of("true", "false", "\"yes\"", "null", "1", "[]");

	static FuzzedRequest random(Random random) {
		String method = (random.nextInt(10) == 0) ? pick(random, List.of("PUT", "DELETE", "PATCH", "GET")) : "POST";
		String path = (random.nextInt(8) == 0) ? pick(random, PATHS) : PATHS.get(random.nextInt(3));
		String contentType = (random.nextInt(4) == 0) ? ((random.nextInt(8) == 0) ? null : pick(random, CONTENT_TYPES))
				: "application/json";
		return new FuzzedRequest(method, path, contentType, body(random));
	}

	private static byte[] body(Random random) {
		return switch (random.nextInt(12)) {
			case 0 -> new byte[0];
			case 1 -> randomBytes(random, 1 + random.nextInt(2048));
			case 2 -> "{\"target\": ".getBytes(StandardCharsets.UTF_8);
			case 3 -> ("{\"target\": \"" + "x".repeat(1 + random.nextInt(2_000_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
			case 4 -> pick(random, List.of("null", "[]", "42", "\"head\"", "{}", "{\"target\": \"head\""))
				.getBytes(StandardCharsets.UTF_8);
			case 5 -> ("{\"target\": " + pick(random, TARGETS) + ", \"dryRun\": true, \"extra\": {\"deep\": ["
					+ "[".repeat(random.nextInt(2000)) + "]}").getBytes(StandardCharsets.UTF_8);
			default -> json(random).getBytes(StandardCharsets.UTF_8);
		};
	}

	private static String json(Random random) {
		StringBuilder json = new StringBuilder("{");
		if (random.nextInt(8) != 0) {
			json.append("\"target\": ").append(pick(random, TARGETS));
		}
		if (random.nextBoolean()) {
			json.append((json.length() > 1) ? ", " : "").append("\"dryRun\": ")
				.append((random.nextInt(3) == 0) ? pick(random, DRY_RUNS) : "true");
		}
		return json.append("}").toString();
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String pick(Random random, List<String> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

	@Override
	public String toString() {
		String body = new String(this.body, StandardCharsets.UTF_8);
		return "%s %s (%s) %s".formatted(this.method, this.path, this.contentType,
				(body.length() > 200) ? body.substring(0, 200) + "... (" + body.length() + " chars)" : body);
	}

}

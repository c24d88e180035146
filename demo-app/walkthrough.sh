#!/usr/bin/env bash
# The README's walkthrough, end to end, checking each answer: run the demo, look at
# /actuator/migrations, open writes, preview the SQL of a downgrade, downgrade -1, see what
# is pending, upgrade to head.
#
# Usage: demo-app/walkthrough.sh   (after ./mvnw -q install -DskipTests)
#   runs the demo as the README does, with ./mvnw -pl demo-app spring-boot:test-run and its
#   embedded PostgreSQL (no setup).
# Or:    DEMO='java -jar demo-app/target/lockstep-demo-app.jar' demo-app/walkthrough.sh
#   runs any other command that starts the demo (the packaged jar, a native executable),
#   against the database that SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD name.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-18080}
base="http://127.0.0.1:$port"
log=$(mktemp)
arguments=(--server.port="$port" --management.endpoint.migrations.access=unrestricted)

# Its own process group, so that stopping it stops the JVM that Maven forks too.
set -m
if [ -n "${DEMO:-}" ]; then
	# shellcheck disable=SC2086 # DEMO is a command line: split it into words
	$DEMO "${arguments[@]}" >"$log" 2>&1 &
else
	"$root/mvnw" -q -f "$root/pom.xml" -pl demo-app spring-boot:test-run \
		-Dspring-boot.run.arguments="${arguments[*]}" >"$log" 2>&1 &
fi
app=$!
set +m
trap 'kill -- -"$app" 2>/dev/null; wait "$app" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 600); do
	if curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1; then break; fi
	if ! kill -0 "$app" 2>/dev/null; then cat "$log"; echo "The demo did not start" >&2; exit 1; fi
	sleep 0.5
done

run() {
	echo
	echo "\$ $*" | sed "s|$base|localhost:8080|"
	"$@"
	echo
}
expect() {
	if ! grep -q -- "$1" <<<"$2"; then
		echo "Expected to find: $1" >&2
		exit 1
	fi
}
post() {
	curl -fsS -X POST "$base/actuator/migrations/$1" -H 'Content-Type: application/json' -d "$2"
}

out=$(run curl -fsS "$base/actuator/migrations"); echo "$out"
expect '"upToDate":true' "$out"
expect '"tag":"v3"' "$out"

out=$(run post downgrade '{"target": "-1", "dryRun": true}'); echo "$out"
expect '"dryRun":true' "$out"
expect 'DELETE FROM public.databasechangelog' "$out"

out=$(run post downgrade '{"target": "-1"}'); echo "$out"
expect '003-display-names.yaml::tag-v3::lockstep-demo' "$out"

out=$(run curl -fsS "$base/actuator/migrations/pending"); echo "$out"
expect '"id":"tag-v3"' "$out"

out=$(run post upgrade '{"target": "head", "dryRun": true}'); echo "$out"
expect 'INSERT INTO public.databasechangelog' "$out"

out=$(run post upgrade '{"target": "head"}'); echo "$out"
expect '"after":"db/changelog/changes/003-display-names.yaml::tag-v3::lockstep-demo (tag v3)"' "$out"

out=$(run curl -fsS "$base/books"); echo "$out"
expect 'A Wizard of Earthsea' "$out"

echo
echo "Walkthrough passed."

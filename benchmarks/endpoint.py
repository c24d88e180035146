#!/usr/bin/env python3
"""Lockstep's status endpoints at scale: how long an operator's or a dashboard's call takes.

Starts the demo application's jar on a database with 1, 1000 and 5000 applied changesets (the
changelogs run.py generates) and nothing pending, then calls `GET /actuator/migrations`,
`GET /actuator/migrations/history?limit=50` and `GET /actuator/health` CALLS times each, in
rounds that call each of the three once in a shuffled order, after WARMUP calls of each. Each call
is timed from the request to the last byte of the answer, one new connection per call, as a
poller makes them. Reports the median with its distribution-free 95% interval (run.py's sign
test) and the 99th percentile.

Writes the "Endpoint at scale" section of benchmarks/RESULTS.md, and keeps the measurements in
benchmarks/target/endpoint.json. Needs what run.py needs (a PostgreSQL server, BENCH_PG_*).

    python3 benchmarks/endpoint.py              # from the repository root
    python3 benchmarks/endpoint.py --no-build   # with the demo jar of the last build
    BENCH_ENDPOINT_SIZES=1,1000 BENCH_ENDPOINT_CALLS=100 python3 benchmarks/endpoint.py   # smaller
"""
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the changelog generator, the database helpers, the interval, the machine)

SIZES = [int(size) for size in os.environ.get("BENCH_ENDPOINT_SIZES", "1,1000,5000").split(",")]
CALLS = int(os.environ.get("BENCH_ENDPOINT_CALLS", "200"))
WARMUP = int(os.environ.get("BENCH_ENDPOINT_WARMUP", "20"))
JAR = run.ROOT / "demo-app" / "target" / "lockstep-demo-app.jar"
DATABASE = "lockstep_bench_endpoint"
PATHS = {"summary": "/actuator/migrations", "history": "/actuator/migrations/history?limit=50",
         "health": "/actuator/health"}
# The goals, in milliseconds, at 5000 changesets.
GOALS = {"summary": 50, "history": 100, "health": 50}
SECTION = "## Endpoint at scale"
RESULTS_JSON = run.WORK / "endpoint.json"


def build():
    run.sh(str(run.ROOT / "mvnw"), "-q", "-B", "-pl", "demo-app", "-am", "package", "-DskipTests", cwd=run.ROOT)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(port, path):
    """One GET: the status and the seconds from the request to the answer's last byte."""
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        response.read()
        status = response.status
    return status, time.perf_counter() - start


def await_up(port, process, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the demo exited with {process.returncode} before it was up")
        try:
            if call(port, "/actuator/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the demo was not up in time")


def measure_size(size):
    changelogs = run.generate(size)
    run.fresh_database(DATABASE)
    port = free_port()
    log = run.WORK / f"endpoint-{size}.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            ["java", "-jar", str(JAR), f"--server.port={port}",
             f"--spring.datasource.url=jdbc:postgresql://{run.HOST}:{run.PORT}/{DATABASE}",
             f"--spring.datasource.username={run.USER}",
             f"--spring.liquibase.change-log=file:{changelogs / 'liquibase' / 'master.yaml'}",
             "--management.endpoint.health.show-details=always"], stdout=output, stderr=subprocess.STDOUT)
    try:
        await_up(port, process)
        run.settle()
        summary = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/migrations").read())
        assert summary["upToDate"] and summary["pendingCount"] == 0, summary
        for name, path in PATHS.items():
            for _ in range(WARMUP):
                call(port, path)
        times = {name: [] for name in PATHS}
        for _ in range(CALLS):
            for name in random.sample(list(PATHS), len(PATHS)):
                status, seconds = call(port, PATHS[name])
                assert status == 200, (name, status)
                times[name].append(seconds * 1000)
        return times
    finally:
        process.terminate()
        process.wait(timeout=60)
        run.psql("-c", f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def p99(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def row(size, name, values):
    median, low, high = run.median_interval(values)
    interval = f" ({low:.1f} to {high:.1f})" if low is not None else ""
    goal = ""
    if size == max(SIZES) and size >= 5000:
        goal = "met" if median <= GOALS[name] else "not met"
    return f"| {size} | `GET {PATHS[name]}` | {median:.1f} ms{interval} | {p99(values):.1f} ms | {goal} |"


def write_results(measured):
    lines = [SECTION, "",
             f"Measured {measured['at']} on {measured['machine']}, with {CALLS} calls of each path per size "
             f"after {WARMUP} to warm up, shuffled in rounds; one new connection per call. A shared machine: "
             "other builds ran beside it, which widens the tails (p99) more than the medians.",
             "", "Reproduce from the repository root: `python3 benchmarks/endpoint.py`.", "",
             "Goal at 5000 changesets: the summary and health at most 50 ms median, the history's first page at "
             "most 100 ms. Before the summary was kept by the fast path's fingerprint, each summary, history or "
             "pending call at 5000 changesets read the changelog with Liquibase (about 1.5 s each).", "",
             "| Applied changesets | Call | Median (95% interval) | p99 | Goal |", "| --- | --- | --- | --- | --- |"]
    for size in SIZES:
        for name in PATHS:
            lines.append(row(size, name, measured["sizes"][str(size)][name]))
    results = run.BENCH / "RESULTS.md"
    current = results.read_text()
    if SECTION in current:
        start = current.index(SECTION)
        following = current.find("\n## ", start + len(SECTION))
        current = current[:start].rstrip() + "\n" + (current[following:] if following != -1 else "")
    results.write_text(current.rstrip() + "\n\n" + "\n".join(lines) + "\n")


def main():
    if "--report" not in sys.argv:
        if "--no-build" not in sys.argv:
            build()
        run.WORK.mkdir(parents=True, exist_ok=True)
        measured = {"at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": run.machine(),
                    "sizes": {str(size): measure_size(size) for size in SIZES}}
        RESULTS_JSON.write_text(json.dumps(measured))
    write_results(json.loads(RESULTS_JSON.read_text()))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Lockstep's startup benchmarks, side by side with Spring Boot's Liquibase and Flyway support.

Builds one small application five ways (Lockstep, plain Spring Boot + Liquibase, Spring Boot +
Flyway, a baseline with no migrations that still opens its DataSource and runs one query, and that
baseline with Liquibase's libraries on its classpath and nothing of them running), generates
changelogs of 1, 1000 and 5000 changesets, and measures whole processes:

- no-op start (nothing pending): wall time and peak RSS over ROUNDS rounds, each running every
  variant once in a shuffled order, also the Lockstep application with lockstep.mode=off (the same
  application with migrations off, the target's floor); ratios are medians of each round's pair,
  with their 95% intervals;
- three replicas racing on one 8-second changeset: how long after the holder the others are done
  (medians of RACE_ROUNDS races), and Lockstep's lock hand-offs (from one replica's release to the
  next one's acquisition, by the timestamps of their debug log lines);
- first apply of 1000 changesets, against the same SQL run by psql (medians of APPLY_ROUNDS
  rounds, and the median of each round's ratio), each on a fresh database once the server has
  settled (a checkpoint, and no autovacuum running).

Writes benchmarks/RESULTS.md, and keeps the measurements in benchmarks/target/results.json, from
which `--report` writes RESULTS.md again without measuring. Needs a PostgreSQL server
(BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_USER; default 127.0.0.1:5432, postgres, trust
authentication), psql and GNU time.

    python3 benchmarks/run.py            # from the repository root, about an hour
    python3 benchmarks/run.py --report   # RESULTS.md again, from the last measurements
"""
import argparse
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / "target"
JARS = WORK / "jars"
SIZES = [1, 1000, 5000]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
RACE_ROUNDS = int(os.environ.get("BENCH_RACE_ROUNDS", "5"))
APPLY_ROUNDS = int(os.environ.get("BENCH_APPLY_ROUNDS", "40"))
PER_FILE = 50
HOST = os.environ.get("BENCH_PG_HOST", "127.0.0.1")
PORT = os.environ.get("BENCH_PG_PORT", "5432")
USER = os.environ.get("BENCH_PG_USER", "postgres")
BUILDS = ["baseline", "libraries", "lockstep", "liquibase", "flyway"]
# What runs: a name, the build it runs and the arguments it adds.
VARIANTS = {"baseline": ("baseline", []), "libraries": ("libraries", []),
            "lockstep_off": ("lockstep", ["--lockstep.mode=off"]), "lockstep": ("lockstep", []),
            "liquibase": ("liquibase", []), "flyway": ("flyway", [])}
# The no-op target: against the same application with migrations off.
TARGET_RATIO = 1.03
TARGET_MEMORY = 10
PSQL = ["psql", "-h", HOST, "-p", PORT, "-U", USER]
# How long after a waiter's acquisition the releasing replica's log line can come (see lock_hand_offs).
NOTIFY_LOG_SKEW = 0.005
HAND_OFF_LOGGING = "--logging.level.dev.lockstep.startup.StartupLockListener=debug"


def sh(*command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def psql(*arguments, database="postgres"):
    sh(*PSQL, "-d", database, "-q", "-v", "ON_ERROR_STOP=1", *arguments,
       stdout=subprocess.DEVNULL)


def psql_value(sql):
    return subprocess.run([*PSQL, "-d", "postgres", "-Atc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def fresh_database(name):
    psql("-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql("-c", f"CREATE DATABASE {name}")


def settle(timeout=60):
    """Let the server finish what earlier runs left it (dirty pages, autovacuum of the catalogs after a
    thousand new tables), so that it does not compete for the two cores with the run that is timed."""
    psql("-c", "CHECKPOINT")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if psql_value("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") == "0":
            return
        time.sleep(0.5)


def build():
    sh(str(ROOT / "mvnw"), "-q", "-B", "install", "-DskipTests", cwd=ROOT)
    JARS.mkdir(parents=True, exist_ok=True)
    for profile in BUILDS:
        sh(str(ROOT / "mvnw"), "-q", "-B", "-f", str(BENCH / "app" / "pom.xml"), "-P", profile, "clean", "package",
           "-DskipTests", cwd=ROOT)
        shutil.copy(BENCH / "app" / "target" / f"bench-{profile}.jar", JARS / f"bench-{profile}.jar")


def create_table_sql(i):
    return f"CREATE TABLE t_{i:05d} (id BIGINT PRIMARY KEY, name VARCHAR(100));"


def generate(size):
    base = WORK / "changelogs" / str(size)
    if base.exists():
        shutil.rmtree(base)
    liquibase = base / "liquibase"
    flyway = base / "flyway"
    liquibase.mkdir(parents=True)
    flyway.mkdir(parents=True)
    includes = []
    for start in range(1, size + 1, PER_FILE):
        name = f"changes-{start:05d}.yaml"
        includes.append(f"  - include:\n      file: {name}\n      relativeToChangelogFile: true\n")
        lines = ["databaseChangeLog:\n"]
        for i in range(start, min(start + PER_FILE, size + 1)):
            lines.append(f"  - changeSet:\n      id: t-{i:05d}\n      author: bench\n      changes:\n"
                         f"        - sql:\n            sql: {create_table_sql(i)}\n"
                         f"      rollback:\n        - sql:\n            sql: DROP TABLE t_{i:05d};\n")
        (liquibase / name).write_text("".join(lines))
    (liquibase / "master.yaml").write_text("databaseChangeLog:\n" + "".join(includes))
    for i in range(1, size + 1):
        (flyway / f"V{i}__t_{i:05d}.sql").write_text(create_table_sql(i) + "\n")
    (base / "all.sql").write_text("\n".join(create_table_sql(i) for i in range(1, size + 1)) + "\n")
    return base


def command(variant, database, changelogs):
    jar, extra = VARIANTS[variant]
    arguments = [f"--spring.datasource.url=jdbc:postgresql://{HOST}:{PORT}/{database}",
                 f"--spring.datasource.username={USER}", *extra]
    if jar in ("lockstep", "liquibase"):
        arguments.append(f"--spring.liquibase.change-log=file:{changelogs / 'liquibase' / 'master.yaml'}")
    if jar == "flyway":
        arguments.append(f"--spring.flyway.locations=filesystem:{changelogs / 'flyway'}")
    return ["java", "-jar", str(JARS / f"bench-{jar}.jar"), *arguments]


def run(variant, database, changelogs):
    """One whole process: returns (seconds, peak RSS in MiB)."""
    command_line = ["/usr/bin/time", "-f", "%M", *command(variant, database, changelogs)]
    start = time.perf_counter()
    done = subprocess.run(command_line, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{variant} failed on {database}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return elapsed, int(done.stderr.strip().splitlines()[-1]) / 1024


def noop_starts():
    """Each variant's (seconds, peak MiB) per round, by size; rounds in order, so that the variants' runs
    of one round can be paired."""
    results = {}
    for size in SIZES:
        changelogs = generate(size)
        databases = {variant: f"bench_noop_{variant}_{size}" for variant in VARIANTS}
        for variant, database in databases.items():
            fresh_database(database)
            run(variant, database, changelogs)  # a migration tool applies everything; all warm the caches
        samples = {variant: [] for variant in VARIANTS}
        order = random.Random(size)  # the same orders in every run of this script
        for _ in range(ROUNDS):
            # Interleaved, so drift hits every variant alike; shuffled, so that no variant always
            # follows the same one.
            for variant in order.sample(list(VARIANTS), len(VARIANTS)):
                samples[variant].append(run(variant, databases[variant], changelogs))
        results[size] = samples
        print(f"no-op start, {size} changesets: " + ", ".join(
            f"{variant} {describe(medians(runs))}" for variant, runs in samples.items()), flush=True)
    return results


def medians(runs):
    """The median seconds and the median peak MiB of (seconds, MiB) runs."""
    return statistics.median(seconds for seconds, _ in runs), statistics.median(memory for _, memory in runs)


def paired(runs, floor_runs):
    """Per round, the ratio of the seconds and the difference of the peak MiB to the floor's run of the
    same round: pairs cancel the drift between rounds that medians of each variant alone keep."""
    pairs = list(zip(runs, floor_runs, strict=True))
    return ([seconds / floor_seconds for (seconds, _), (floor_seconds, _) in pairs],
            [memory - floor_memory for (_, memory), (_, floor_memory) in pairs])


def median_interval(values, confidence=0.95):
    """The median with its distribution-free confidence interval: the order statistics that the sign
    test puts around it (for 40 values, the 14th and the 27th smallest; at least 95% of the time
    the true median lies between them). The bounds are None for too few values (fewer than 6 at
    95%)."""
    ordered = sorted(values)
    count = len(ordered)
    outside, below = 0.0, 0
    while outside + math.comb(count, below) / 2 ** count <= (1 - confidence) / 2:
        outside += math.comb(count, below) / 2 ** count
        below += 1
    if below == 0:
        return statistics.median(ordered), None, None
    return statistics.median(ordered), ordered[below - 1], ordered[count - below]


def race():
    base = WORK / "changelogs" / "race"
    (base / "liquibase").mkdir(parents=True, exist_ok=True)
    (base / "flyway").mkdir(parents=True, exist_ok=True)
    (base / "liquibase" / "master.yaml").write_text(
        "databaseChangeLog:\n  - changeSet:\n      id: slow\n      author: bench\n      changes:\n"
        "        - sql:\n            sql: CREATE TABLE slow (id INT); SELECT pg_sleep(8)\n")
    (base / "flyway" / "V1__slow.sql").write_text("CREATE TABLE slow (id INT);\nSELECT pg_sleep(8);\n")
    results = {}
    hand_offs = []
    for variant in ["lockstep", "liquibase", "flyway"]:
        races = [race_once(variant, base, round_) for round_ in range(RACE_ROUNDS)]
        lags = [lag for lag, _, _ in races if lag is not None]
        failed = sum(failures for _, failures, _ in races)
        second = statistics.median(lag[0] for lag in lags) if lags else None
        last = statistics.median(lag[1] for lag in lags) if lags else None
        results[variant] = (second, last, failed, RACE_ROUNDS)
        print(f"race {variant}: others done {format_seconds(second)} and {format_seconds(last)} after the holder; "
              f"{failed} of {3 * RACE_ROUNDS} replicas failed", flush=True)
        if variant == "lockstep":
            hand_offs = [hand_off for _, _, logs in races for hand_off in lock_hand_offs(logs)]
            print("lock hand-offs (ms): " + ", ".join(f"{hand_off * 1000:.0f}" for hand_off in hand_offs), flush=True)
    return results, hand_offs


def race_once(variant, base, round_):
    """Three replicas on a fresh database: how long after the first exit the other two exit (None if a
    replica failed, as one of plain Liquibase's can when the replicas create its lock table at once),
    how many failed, and their logs."""
    database = f"bench_race_{variant}"
    fresh_database(database)
    command_line = command(variant, database, base) + ([HAND_OFF_LOGGING] if variant == "lockstep" else [])
    logs = [WORK / "race-logs" / f"{variant}-{round_}-{replica}.log" for replica in range(3)]
    logs[0].parent.mkdir(parents=True, exist_ok=True)
    processes = []
    for log in logs:
        with log.open("w") as out:
            processes.append(subprocess.Popen(command_line, stdout=out, stderr=subprocess.STDOUT))
    ended = {}
    while len(ended) < 3:
        for index, process in enumerate(processes):
            if index not in ended and process.poll() is not None:
                ended[index] = time.perf_counter()
        time.sleep(0.005)
    failures = sum(1 for process in processes if process.returncode != 0)
    if failures:
        return None, failures, logs
    times = sorted(ended.values())
    return (times[1] - times[0], times[2] - times[0]), 0, logs


def lock_hand_offs(logs):
    """Seconds from each release of the migration lock to the next acquisition by another replica, from
    the replicas' debug log lines (one clock: they run on one machine). Waiters check side by side under
    the shared lock, so an acquisition goes with the last release by another replica before it; a
    release is logged once its NOTIFY is sent, so that window reaches a few milliseconds past the
    acquisition."""
    acquired, released = [], []
    for replica, log in enumerate(logs):
        for line in log.read_text().splitlines():
            if "Took the migration lock" in line:
                acquired.append((log_time(line), replica))
            elif "Released the migration lock" in line:
                released.append((log_time(line), replica))
    hand_offs = []
    for took, replica in acquired:
        before = [release for release, releaser in released
                  if releaser != replica and (release - took).total_seconds() <= NOTIFY_LOG_SKEW]
        if before:
            hand_offs.append((took - max(before)).total_seconds())
    return hand_offs


def log_time(line):
    """The timestamp that starts a line of Spring Boot's default log format."""
    return datetime.fromisoformat(line.split()[0].replace("Z", "+00:00"))


def describe(measured):
    elapsed, memory = measured
    return f"{elapsed:.2f} s, {memory:.0f} MiB"


def against(runs, floor_runs):
    """Runs against a floor's runs of the same rounds: the medians of the paired ratios and differences."""
    ratios, differences = paired(runs, floor_runs)
    return f"{statistics.median(ratios):.2f}x, {round(statistics.median(differences)):+d} MiB"


def against_target(runs, floor_runs):
    """The table row cells of runs against the target's floor: time and memory, each with its interval,
    and whether the targets are met."""
    ratios, differences = paired(runs, floor_runs)
    duration = [round(value, 3) if value is not None else None for value in median_interval(ratios)]
    memory = [round(value, 1) if value is not None else None for value in median_interval(differences)]
    return [with_interval(duration, "{:.3f}x"), with_interval(memory, "{:+.1f} MiB"),
            verdict({"time": (duration, TARGET_RATIO), "peak memory": (memory, TARGET_MEMORY)})]


def with_interval(measured, form):
    median, low, high = measured
    interval = "too few rounds for an interval" if low is None else f"{form.format(low)} to {form.format(high)}"
    return f"{form.format(median)} ({interval})"


def verdict(targets):
    """Whether each (median, low, high) is within its target: at the median, and over its whole interval."""
    missed = [name for name, ((median, _, _), target) in targets.items() if median > target]
    if missed:
        return "not met at the median (" + " and ".join(missed) + ")"
    if any(high is None for (_, _, high), _ in targets.values()):
        return "met at the median"
    beyond = [name for name, ((_, _, high), target) in targets.items() if high > target]
    if beyond:
        return "met at the median, not over the whole interval (" + " and ".join(beyond) + ")"
    return "met over the whole interval"


def format_seconds(value):
    return "n/a" if value is None else f"{value:.2f} s"


def first_apply():
    size = 1000
    changelogs = WORK / "changelogs" / str(size)
    generate(size)
    samples = {"lockstep": [], "liquibase": [], "psql": []}
    for round_ in range(APPLY_ROUNDS):  # interleaved, each tool first in every other round
        for variant in (["lockstep", "liquibase"] if round_ % 2 == 0 else ["liquibase", "lockstep"]):
            database = f"bench_first_{variant}"
            fresh_database(database)
            settle()
            samples[variant].append(run(variant, database, changelogs)[0])
        fresh_database("bench_first_psql")
        settle()
        start = time.perf_counter()
        psql("-f", str(changelogs / "all.sql"), database="bench_first_psql")
        samples["psql"].append(time.perf_counter() - start)
    print("first apply of 1000: " + ", ".join(f"{name} {statistics.median(times):.2f}s"
                                             for name, times in samples.items()), flush=True)
    return samples


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    postgres = psql_value("SHOW server_version")
    return f"{os.cpu_count()} cores ({cpu}), {memory} memory, {java}, PostgreSQL {postgres}, {platform.platform()}"


def write_results(results):
    noop, races, hand_offs, first = results["noop"], results["races"], results["hand_offs"], results["first"]
    lines = ["# Benchmark results", "",
             f"Measured {results['measured']} on {results['machine']}.", "",
             "Reproduce from the repository root: `python3 benchmarks/run.py` (see its header for what it needs).",
             "Whole processes, each run from its launch to its exit.", "",
             "## No-op start (nothing pending)", "",
             f"{len(next(iter(noop.values()))['lockstep'])} rounds; in each round every variant runs once, in a "
             "shuffled order. Times and memory are medians over the rounds. Ratios and memory differences are "
             "medians of each round's pair (a variant's run against the floor's run of the same round), so that "
             "the drift between rounds cancels out; they need not equal the ratio of two medians. The intervals "
             "hold the true median at least 95% of the time, with no assumption about the distribution (sign "
             "test).", "",
             "### Against the target", "",
             f"The target: at most {TARGET_RATIO}x the time of the same application with migrations off, and at "
             f"most {TARGET_MEMORY} MiB more peak memory. That application is the Lockstep one started with "
             "`lockstep.mode=off`: it carries the same libraries and still opens its DataSource and runs one "
             "query.", "",
             "| Changesets | Time against `lockstep.mode=off` (95% interval) | Peak memory against "
             "`lockstep.mode=off` (95% interval) | Target |",
             "| --- | --- | --- | --- |"]
    for size, by_variant in noop.items():
        lines.append(f"| {size} | " + " | ".join(against_target(by_variant["lockstep"], by_variant["lockstep_off"]))
                     + " |")
    # Pairs stay pairs when the sizes' runs are joined in the same order.
    lines.append("| All sizes together | " + " | ".join(against_target(
        [one for by_variant in noop.values() for one in by_variant["lockstep"]],
        [one for by_variant in noop.values() for one in by_variant["lockstep_off"]])) + " |")
    lines += ["", "The last row pools the rounds of every size, which narrows its intervals: most of what Lockstep "
              "adds to a no-op start does not grow with the changelog."]
    lines += ["", "### Every variant", "",
              "Against the baseline: the same application without any migration library, which still opens "
              "its DataSource and runs one query, as every JPA or Spring Data application does. "
              "\"Liquibase's libraries\" is that baseline with liquibase-core and its dependencies on the class "
              "path and nothing of them running: the floor of any tool built on Liquibase.", "",
              "| Changesets | Baseline | Liquibase's libraries | Lockstep, mode=off | Lockstep | Spring Boot + Liquibase "
              "| Spring Boot + Flyway |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for size, by_variant in noop.items():
        baseline = by_variant["baseline"]
        lines.append(f"| {size} | {describe(medians(baseline))} | " + " | ".join(
            f"{describe(medians(by_variant[variant]))} ({against(by_variant[variant], baseline)})"
            for variant in VARIANTS if variant != "baseline") + " |")
    lines += ["", "## Three replicas racing, one 8-second changeset", "",
              "Time from the holder's exit to the other replicas' exits (each starts, waits, then finds nothing to do); "
              f"medians of {next(iter(races.values()))[3]} races per tool, over the races in which no replica "
              "failed.", "",
              "| Tool | Second replica | Last replica | Replicas that failed |", "| --- | --- | --- | --- |"]
    names = {"lockstep": "Lockstep", "liquibase": "Spring Boot + Liquibase", "flyway": "Spring Boot + Flyway"}
    for variant, (second, last, failed, count) in races.items():
        lines.append(f"| {names[variant]} | {format_seconds(second)} | {format_seconds(last)} | {failed} of {3 * count} |")
    lines += ["", "Lockstep's lock hand-offs in those races, from one replica's release of the migration lock to the "
              "next replica's acquisition (from their debug log lines, millisecond timestamps): "
              + (f"{len(hand_offs)} hand-offs, median {statistics.median(hand_offs) * 1000:.0f} ms, "
                 f"longest {max(hand_offs) * 1000:.0f} ms." if hand_offs else "none recorded.")]
    apply_ratio = median_interval(
        [mine / theirs for mine, theirs in zip(first["lockstep"], first["liquibase"], strict=True)])
    lines += ["", "## First apply of 1000 changesets (empty database)", "",
              f"Medians of {len(first['lockstep'])} rounds, each tool first in every other round, each run on a "
              "fresh database once the server has settled (a checkpoint, and no autovacuum running); the ratio is "
              "the median of each round's pair, with its 95% interval.", "",
              "| Lockstep | Spring Boot + Liquibase | Lockstep against Spring Boot + Liquibase | The same SQL through psql |",
              "| --- | --- | --- | --- |",
              f"| {statistics.median(first['lockstep']):.2f} s | {statistics.median(first['liquibase']):.2f} s "
              f"| {with_interval(apply_ratio, '{:.3f}x')} | {statistics.median(first['psql']):.2f} s |", ""]
    (BENCH / "RESULTS.md").write_text("\n".join(lines))


def keep(results):
    (WORK / "results.json").write_text(json.dumps(results, indent=2))


def main():
    parser = argparse.ArgumentParser(description="Lockstep's startup benchmarks; see the module's documentation.")
    parser.add_argument("--report", action="store_true",
                        help="write RESULTS.md again from the last measurements, without measuring")
    if parser.parse_args().report:
        results = json.loads((WORK / "results.json").read_text())
        missing = [part for part in ("noop", "races", "hand_offs", "first") if part not in results]
        if missing:
            sys.exit(f"The last measurements lack {', '.join(missing)}: that run did not finish; run the benchmarks again.")
    else:
        results = measure()
    write_results(results)
    print((BENCH / "RESULTS.md").read_text())


def measure():
    build()
    # Each part's measurements are kept as they come, so that they outlive a failure after them.
    results = {"measured": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "machine": machine(),
               "noop": noop_starts()}
    keep(results)
    results["races"], results["hand_offs"] = race()
    keep(results)
    results["first"] = first_apply()
    keep(results)
    return results


if __name__ == "__main__":
    main()

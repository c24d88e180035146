#!/usr/bin/env python3
"""Template databases against the other ways a test suite gets a fresh database.

CLASSES test classes (20) each want a fresh database with a changelog of 1000 changesets (the one
run.py generates) applied. Measured in one JVM (TemplateBenchmark, in the lockstep-spring-boot-test
module's tests), database setup only, over ROUNDS rounds, each running every way once in a shuffled
order:

- template_cold: no template yet; the first class builds it (one Liquibase run), every class gets a
  CREATE DATABASE ... TEMPLATE copy;
- template_warm: the template is there already (every build after the first), only copies;
- shared: one database for all: the first class applies the changelog, each later one runs
  Liquibase and finds nothing pending;
- plain: a new database and a Liquibase run per class. Every class costs the same first apply, so a
  round runs PLAIN_SAMPLES of them and counts CLASSES times their mean.

Ratios are medians of each round's pair, with the 95% interval of run.py (distribution-free; at
least 6 rounds). Appends nothing to the build; writes the "Template databases" section of
benchmarks/RESULTS.md.

    python3 benchmarks/templates.py              # from the repository root, a few minutes
    python3 benchmarks/templates.py --no-build   # with the classes and class path of the last build
"""
import os
import re
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the changelog generator, the interval and the machine description)

ROUNDS = int(os.environ.get("BENCH_TEMPLATE_ROUNDS", "6"))
CLASSES = int(os.environ.get("BENCH_TEMPLATE_CLASSES", "20"))
PLAIN_SAMPLES = int(os.environ.get("BENCH_TEMPLATE_PLAIN_SAMPLES", "2"))
SIZE = 1000
CLASSPATH = run.WORK / "templates-classpath.txt"
SECTION = "## Template databases"


def classpath(build):
    if build or not CLASSPATH.exists():
        run.sh("./mvnw", "-q", "-B", "-ntp", "-pl", "test", "-am", "test-compile", "dependency:build-classpath",
               f"-Dmdep.outputFile={CLASSPATH}", "-Dmdep.includeScope=test", cwd=run.ROOT)
    test = run.ROOT / "test" / "target"
    return os.pathsep.join([str(test / "test-classes"), str(test / "classes"), CLASSPATH.read_text().strip()])


def measure(build):
    changelogs = run.generate(SIZE)
    url = f"jdbc:postgresql://{run.HOST}:{run.PORT}/postgres"
    command = ["java", "-cp", classpath(build), "dev.lockstep.test.template.TemplateBenchmark", url, run.USER, "",
               str(changelogs), "liquibase/master.yaml", str(ROUNDS), str(CLASSES), str(PLAIN_SAMPLES)]
    rounds = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            if line.startswith("round "):
                print(line.strip(), flush=True)
                rounds.append({way: float(value) for way, value in re.findall(r"(\w+)=([\d.]+)", line)})
    if process.returncode != 0 or len(rounds) != ROUNDS:
        sys.exit(f"TemplateBenchmark failed (exit code {process.returncode})")
    return rounds


def ratio(rounds, slower, faster):
    median, low, high = run.median_interval([r[slower] / r[faster] for r in rounds])
    interval = "too few rounds for an interval" if low is None else f"95% interval {low:.1f}x to {high:.1f}x"
    return f"{median:.1f}x ({interval})"


def report(rounds):
    seconds = {way: statistics.median(r[way] for r in rounds) for way in rounds[0]}
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        SECTION,
        "",
        f"`python3 benchmarks/templates.py`, {when}, {run.machine()}. {CLASSES} test classes each set up a fresh "
        f"database with a changelog of {SIZE} changesets applied; database setup time only, in one JVM, "
        f"{ROUNDS} rounds, each running every way once in a shuffled order. Times are medians over the rounds; "
        "ratios are medians of each round's pair, with a 95% interval that assumes nothing about the noise. "
        f"\"Plain\" counts {CLASSES} times the mean of {PLAIN_SAMPLES} measured class setups per round (each is "
        "the same first apply).",
        "",
        "| Way | Total for all classes | Template (no template yet) is faster by | Template (already built) is faster by |",
        "| --- | --- | --- | --- |",
        f"| Plain Liquibase, a new database per class | {seconds['plain']:.2f} s | "
        f"{ratio(rounds, 'plain', 'template_cold')} | {ratio(rounds, 'plain', 'template_warm')} |",
        f"| One shared database (Liquibase per class, nothing pending after the first) | {seconds['shared']:.2f} s | "
        f"{ratio(rounds, 'shared', 'template_cold')} | {ratio(rounds, 'shared', 'template_warm')} |",
        f"| Template, built by the first class | {seconds['template_cold']:.2f} s | | |",
        f"| Template, already built | {seconds['template_warm']:.2f} s "
        f"({seconds['template_warm'] / CLASSES * 1000:.0f} ms a class) | | |",
        "",
    ])


def main():
    text = report(measure("--no-build" not in sys.argv))
    print(text)
    results = run.BENCH / "RESULTS.md"
    current = results.read_text()
    if SECTION in current:
        current = current[:current.index(SECTION)].rstrip() + "\n"
    results.write_text(current.rstrip() + "\n\n" + text)


if __name__ == "__main__":
    main()

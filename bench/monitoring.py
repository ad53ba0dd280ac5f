"""Public monitoring pages at the synthetic scale of issue 6, on PostgreSQL.

In a PostgreSQL scratch database ``bench_monitoring`` this loads the
synthetic monitoring data set (``manage.py synthetic_monitoring``: 1,000
member cities × 10 yearly cycles × 25 indicators, 250,000 answers, with the
stored scores a publication writes), vacuums it as autovacuum would, then
asks the site, in one process through Django's test client (every
middleware, no HTTP server, the page cache bypassed as for a signed-in
visitor: a session cookie), for each case below ``BENCH_REPEATS`` times:

- the overview (``monitoring:overview``), the method (``monitoring:method``)
  and the list of cities with their scores (``monitoring:cities``);
- a city's page (``monitoring:city``) in the latest cycle and in the oldest
  (``?cycle=<year>``), a different city each time;
- a city's progress report as PDF (``monitoring:city_report``), latest cycle;
- a comparison (``monitoring:compare``) of 2 and of 5 cities, different
  cities each time.

A page whose URL name does not resolve yet is skipped, and the report says
so. The baseline, measured in the same run between the cases, is a
primary-key lookup of an assessment through the ORM. It prints p50 and p99
per case in milliseconds, ratios to the baseline's p50, the median CPU time
of this process per request (Python: Django, the views, the templates;
PostgreSQL's own time is not in it, so it moves less with the machine's
load), and for one request of each case the number of SQL queries, the
time they took and the size of the answer, with the machine's load average
before and after. The report is also kept in ``bench/results/monitoring.md``
(ignored by git).

Target (issue 6): p99 under 200 ms for every public score page, uncached.

Run: ``make bench-monitoring``. ``BENCH_KEEP=1`` keeps the database so that
the next run skips loading; ``BENCH_REPEATS`` (30) sets the requests per
case; ``BENCH_PLAN=1`` prints the plan (EXPLAIN ANALYZE) of the slowest
query of each case.
"""

from __future__ import annotations

import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
KEEP = os.environ.get("BENCH_KEEP") == "1"
PLAN = os.environ.get("BENCH_PLAN") == "1"
WORK = Path(__file__).resolve().parent / "results"
PG_NAME = "bench_monitoring"
TARGET_MS = 200
CITIES, CYCLES, INDICATORS = 1000, 10, 25


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _cases(cities: list[int], years: list[int]) -> tuple[list, list[str]]:
    """Return (label, list of paths to rotate through) per case, and the skipped."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    def url(name: str, *args) -> str | None:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return None

    rng = random.Random(7)
    sample = rng.sample(cities, min(len(cities), 60))
    with translation.override("en"):
        overview = url("monitoring:overview")
        method = url("monitoring:method")
        cities_list = url("monitoring:cities")
        compare = url("monitoring:compare")
        city_paths = [url("monitoring:city", city) for city in sample]
    wanted = [
        ("overview", "monitoring:overview", [overview]),
        ("method", "monitoring:method", [method]),
        ("cities and their scores", "monitoring:cities", [cities_list]),
        ("city, latest cycle", "monitoring:city", city_paths),
        (
            f"city, ?cycle={years[0]}",
            "monitoring:city",
            [f"{path}?cycle={years[0]}" for path in city_paths if path],
        ),
    ]
    with translation.override("en"):
        reports = [url("monitoring:city_report", city) for city in sample]
    wanted.append(("city report (PDF)", "monitoring:city_report", reports))
    for size in (2, 5):
        groups = [
            "&".join(f"city={city}" for city in rng.sample(sample, size))
            for _ in range(30)
        ]
        wanted.append(
            (
                f"compare, {size} cities",
                "monitoring:compare",
                [f"{compare}?{group}" for group in groups] if compare else [None],
            )
        )
    cases, skipped = [], []
    for label, name, paths in wanted:
        if not paths or None in paths:
            skipped.append(f"{label} (`{name}` does not resolve)")
        else:
            cases.append((label, paths))
    return cases, skipped


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def measure() -> dict:
    """Load the data if needed and time every case; runs inside Django."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from digitalrights.monitoring.models import (
        Answer,
        Assessment,
        Cycle,
        FrameworkVersion,
    )
    from digitalrights.monitoring.synthetic import FIRST_LABEL, synthetic_load

    call_command("migrate", verbosity=0)
    loaded = None
    if not FrameworkVersion.objects.filter(label=FIRST_LABEL).exists():
        started = time.perf_counter()
        made = synthetic_load(cities=CITIES, cycles=CYCLES, indicators=INDICATORS)
        loaded = {
            "seconds": round(time.perf_counter() - started, 1),
            "steps": {k: round(v, 1) for k, v in made.seconds.items()},
            "answers": made.answers,
            "scores": made.scores,
        }
        print(f"  loaded in {loaded['seconds']:.0f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        # As autovacuum leaves a table in use: statistics, and the visibility
        # map that lets PostgreSQL answer from an index alone.
        cursor.execute("VACUUM ANALYZE")
    synthetic = Assessment.objects.filter(
        cycle__framework_version__label__startswith="Synthetic"
    )
    years = sorted(
        Cycle.objects.filter(
            framework_version__label__startswith="Synthetic"
        ).values_list("year", flat=True)
    )
    cities = sorted(set(synthetic.values_list("city__geonameid", flat=True)))
    ids = list(synthetic.values_list("pk", flat=True)[:5000])
    cases, skipped = _cases(cities, years)

    client = Client(HTTP_HOST="localhost")
    client.cookies["sessionid"] = "bench"  # the page cache lets it through
    rng = random.Random(7)

    def baseline() -> float:
        started = time.perf_counter()
        Assessment.objects.get(pk=rng.choice(ids))
        return (time.perf_counter() - started) * 1000

    sizes: dict[str, int] = {}
    cpu: dict[str, list[float]] = {}

    def request(path: str, label: str = "") -> float:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        sizes[path] = len(response.content)
        cpu.setdefault(label, []).append((time.process_time() - started_cpu) * 1000)
        return elapsed

    queries: dict[str, dict] = {}
    for label, paths in cases:  # warm the process: imports, templates, plans
        request(paths[0])
        with CaptureQueriesContext(connection) as captured:
            request(paths[-1])
        times = [float(q["time"]) * 1000 for q in captured.captured_queries]
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        queries[label] = {
            "count": len(times),
            "sql_ms": round(sum(times), 1),
            "slowest_ms": round(max(times), 1),
            "slowest": slowest["sql"][:400],
            "kb": round(sizes[paths[-1]] / 1024),
        }
        if PLAN:
            queries[label]["plan"] = _explain(slowest["sql"])
    # As the server does once the application is loaded (digitalrights/wsgi.py):
    # what is loaded by now stays out of the collector's full passes.
    gc.collect()
    gc.freeze()
    load_before = os.getloadavg()
    base: list[float] = []
    timings: dict[str, list[float]] = {label: [] for label, _paths in cases}
    for round_ in range(REPEATS):
        base += [baseline() for _ in range(5)]
        for label, paths in cases:
            timings[label].append(request(paths[round_ % len(paths)], label))
    return {
        "answers": Answer.objects.filter(assessment__in=synthetic).count(),
        "assessments": synthetic.count(),
        "cities": len(cities),
        "cycles": len(years),
        "loaded": loaded,
        "baseline": base,
        "cases": timings,
        "queries": queries,
        "cpu": {label: statistics.median(cpu[label]) for label in timings},
        "skipped": skipped,
        "load": [load_before, os.getloadavg()],
        "cpus": os.cpu_count(),
    }


def child() -> None:
    print(json.dumps(measure()))


def run() -> dict:
    import psycopg

    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "digitalrights.settings",
            "DEBUG": "0",
            "VAR_DIR": str(WORK / "monitoring-var"),
        }
    )
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]
        ).fetchone()
        if exists and not KEEP:
            admin.execute(f'DROP DATABASE "{PG_NAME}"')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{PG_NAME}"')
    env["DATABASE_URL"] = f"{POSTGRES}/{PG_NAME}"
    Path(env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    print("postgres: loading and measuring…", file=sys.stderr)
    output = subprocess.run(
        [sys.executable, "-m", "bench.monitoring", "--child"],
        env=env,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(output.stderr[-3000:])
    if output.returncode != 0:
        raise SystemExit(output.returncode)
    return json.loads(output.stdout.strip().splitlines()[-1])


def report(result: dict) -> tuple[str, float]:
    base = statistics.median(result["baseline"])
    (before, after) = result["load"]
    lines = [
        f"### PostgreSQL: {result['cities']:,} cities × {result['cycles']} cycles,"
        f" {result['assessments']:,} published assessments,"
        f" {result['answers']:,} answers; {REPEATS} requests per case",
        "",
    ]
    if result["loaded"]:
        loaded = result["loaded"]
        steps = ", ".join(f"{k} {v} s" for k, v in loaded["steps"].items())
        lines += [f"Loaded in {loaded['seconds']} s ({steps}).", ""]
    lines += [
        f"Load average (1, 5, 15 min) on {result['cpus']} CPUs: before"
        f" {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, after"
        f" {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}.",
        "",
        f"Baseline (primary-key lookup of an assessment): p50 {base:.2f} ms,"
        f" p99 {percentile(result['baseline'], 0.99):.2f} ms",
        "",
        "| case | p50 ms | p99 ms | p50 / baseline | CPU ms | queries | SQL ms | kB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    worst = 0.0
    for label, times in result["cases"].items():
        p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
        worst = max(worst, p99)
        q = result["queries"][label]
        lines.append(
            f"| {label} | {p50:.1f} | {p99:.1f} | {p50 / base:.0f}× |"
            f" {result['cpu'][label]:.1f} |"
            f" {q['count']} | {q['sql_ms']:.1f} | {q['kb']} |"
        )
    lines.append("")
    for skipped in result["skipped"]:
        lines.append(f"Skipped: {skipped}.")
    if result["cases"]:
        lines.append(f"Slowest case p99: {worst:.1f} ms (target {TARGET_MS} ms).")
    lines += ["", "Slowest query of one request per case:", ""]
    for label, q in result["queries"].items():
        lines.append(f"- {label}: {q['slowest_ms']} ms: `{q['slowest'][:200]}`")
        if "plan" in q:
            lines += ["", "```", q["plan"], "```", ""]
    return "\n".join(lines), worst


def main() -> int:
    if sys.argv[1:] == ["--child"]:
        child()
        return 0
    result = run()
    text, worst = report(result)
    out = ["## make bench-monitoring", "", text, ""]
    if result["cases"]:
        verdict = "met" if worst < TARGET_MS else "missed"
        out.append(f"Target (every case p99 < {TARGET_MS} ms): {verdict}.")
    print("\n".join(out))
    WORK.mkdir(exist_ok=True)
    (WORK / "monitoring.md").write_text("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

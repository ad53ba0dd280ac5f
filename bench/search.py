"""Search and faceted directory latency at the synthetic scale of issue 5.

For each database (a SQLite file, then a PostgreSQL scratch database) this
loads the synthetic data set (``manage.py synthetic_initiatives``: 1,000
member cities, ``BENCH_INITIATIVES`` initiatives, 5,000 toolkit resources),
then asks the site, in one process through Django's test client (every
middleware, no HTTP server, the page cache bypassed as for a signed-in
visitor), for each case below ``BENCH_REPEATS`` times:

- searches (a common word, a rare one, two words, a phrase, a phrase in
  most texts, no match, nothing) over everything and over initiatives only;
- filters (principle, topic and status, country, language, city) and
  combinations, with and without words;
- the directories of initiatives and of the toolkit, first and deep pages.

The baseline, measured in the same run between the cases, is a primary-key
lookup of an initiative through the ORM. It prints p50 and p99 per case and
overall in milliseconds, and ratios to the baseline's p50.

Target (issue 5): p99 under 100 ms for any single search or filter on
PostgreSQL.

Run: ``make bench-search``. ``BENCH_KEEP=1`` keeps both databases (in
``bench/results/search.sqlite3`` and ``bench_search``) so that the next run
skips loading the data; ``BENCH_ONLY=postgres`` or ``sqlite`` runs one.
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

INITIATIVES = int(os.environ.get("BENCH_INITIATIVES", "100000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "30"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
KEEP = os.environ.get("BENCH_KEEP") == "1"
WORK = Path(__file__).resolve().parent / "results"
SQLITE_FILE = WORK / "search.sqlite3"
PG_NAME = "bench_search"
TARGET_MS = 100

CASES = [
    ("search: common word", "/en/search/?q=data"),
    ("search: rare word", "/en/search/?q=civic12"),
    ("search: two words", "/en/search/?q=open+privacy"),
    ("search: phrase", "/en/search/?q=%22digital+rights%22"),
    # A phrase whose words stand together in most texts ("city study", seven
    # initiatives in ten): too many to count, walked newest first.
    ("search: broad phrase", "/en/search/?q=%22city+study%22"),
    ("search: no match", "/en/search/?q=zzzqqq"),
    ("search: empty", "/en/search/"),
    ("initiatives: common word", "/en/initiatives/?q=privacy"),
    (
        "initiatives: word + principle + country",
        "/en/initiatives/?q=data&principle=2&country=US",
    ),
    ("filter: principle", "/en/initiatives/?principle=3"),
    ("filter: two principles", "/en/initiatives/?principle=1&principle=4"),
    ("filter: topic + status", "/en/initiatives/?topic=privacy&status=running"),
    ("filter: country", "/en/initiatives/?country=IN"),
    ("filter: language", "/en/initiatives/?language=es"),
    ("filter: city", "/en/initiatives/?city=1850147"),
    (
        "filter: everything",
        "/en/search/?principle=2&topic=open-data&status=completed&language=en&country=US",
    ),
    ("directory: initiatives", "/en/initiatives/"),
    ("directory: page 40", "/en/initiatives/?page=40"),
    ("directory: toolkit", "/en/toolkit/?type=policy"),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(database: str) -> dict:
    """Load the data if needed and time every case; runs inside Django."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from digitalrights.initiatives.models import Initiative
    from digitalrights.sitesearch.synthetic import synthetic_load

    call_command("migrate", verbosity=0)
    if Initiative.objects.count() < INITIATIVES:
        started = time.perf_counter()
        synthetic_load(cities=1000, initiatives=INITIATIVES, resources=5000)
        print(f"  loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        # As autovacuum leaves a table in use: statistics, and the visibility
        # map that lets PostgreSQL answer from an index alone.
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    ids = list(Initiative.objects.values_list("pk", flat=True)[:5000])
    client = Client(HTTP_HOST="localhost")
    client.cookies["sessionid"] = "bench"  # the page cache lets it through
    rng = random.Random(7)

    def baseline() -> float:
        started = time.perf_counter()
        Initiative.objects.get(pk=rng.choice(ids))
        return (time.perf_counter() - started) * 1000

    def request(path: str) -> float:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return elapsed

    for _label, path in CASES:  # warm the process: imports, templates, plans
        request(path)
    # As the server does once the application is loaded (digitalrights/wsgi.py):
    # what is loaded by now stays out of the collector's full passes.
    gc.collect()
    gc.freeze()
    base: list[float] = []
    cases: dict[str, list[float]] = {}
    for _round in range(REPEATS):
        base += [baseline() for _ in range(5)]
        for label, path in CASES:
            cases.setdefault(label, []).append(request(path))
    return {
        "database": database,
        "initiatives": Initiative.objects.count(),
        "baseline": base,
        "cases": cases,
    }


def child(database: str) -> None:
    result = measure(database)
    print(json.dumps(result))


def run(database: str) -> dict:
    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "digitalrights.settings",
            "DEBUG": "0",
            "VAR_DIR": str(WORK / "search-var"),
        }
    )
    if database == "sqlite":
        if not KEEP:
            SQLITE_FILE.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    else:
        import psycopg

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
    print(f"{database}: loading and measuring…", file=sys.stderr)
    output = subprocess.run(
        [sys.executable, "-m", "bench.search", "--child", database],
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(output.stderr[-2000:])
    if output.returncode:
        raise SystemExit(f"{database}: the measuring process failed (above).")
    return json.loads(output.stdout.strip().splitlines()[-1])


def report(result: dict) -> tuple[str, float]:
    base = statistics.median(result["baseline"])
    lines = [
        f"### {result['database']}: {result['initiatives']:,} initiatives,"
        f" {REPEATS} requests per case",
        "",
        f"Baseline (primary-key lookup): p50 {base:.2f} ms,"
        f" p99 {percentile(result['baseline'], 0.99):.2f} ms",
        "",
        "| case | p50 ms | p99 ms | p50 / baseline |",
        "| --- | ---: | ---: | ---: |",
    ]
    worst = 0.0
    everything: list[float] = []
    for label, times in result["cases"].items():
        p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
        worst = max(worst, p99)
        everything += times
        lines.append(f"| {label} | {p50:.1f} | {p99:.1f} | {p50 / base:.0f}× |")
    lines.append(
        f"| **all cases** | {percentile(everything, 0.5):.1f} |"
        f" {percentile(everything, 0.99):.1f} |"
        f" {percentile(everything, 0.5) / base:.0f}× |"
    )
    lines.append("")
    lines.append(f"Slowest case p99: {worst:.1f} ms (target {TARGET_MS} ms).")
    return "\n".join(lines), worst


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return 0
    only = os.environ.get("BENCH_ONLY")
    databases = [d for d in ("sqlite", "postgres") if not only or d == only]
    out = ["## make bench-search", ""]
    worst_pg = None
    for database in databases:
        text, worst = report(run(database))
        out += [text, ""]
        if database == "postgres":
            worst_pg = worst
    if worst_pg is not None:
        verdict = "met" if worst_pg < TARGET_MS else "missed"
        out.append(f"PostgreSQL target (every case p99 < {TARGET_MS} ms): {verdict}.")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

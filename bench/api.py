"""The JSON API (``/api/v1/``) at the synthetic scale of issues 5, 6 and 7.

Serves two PostgreSQL databases the other benchmarks keep with
``BENCH_KEEP=1``, one after the other, with the production server
(``scripts/serve.sh``: granian, one worker per CPU) and production
settings, and loads them with wrk:

- ``bench_search`` (``make bench-search``: 1,000 member cities, 100,000
  initiatives, 5,000 toolkit resources, the gazetteer): every list but
  monitoring's;
- ``bench_monitoring`` (``make bench-monitoring``: 1,000 cities × 10
  cycles × 25 indicators, 10,000 published assessments, 60,000 scores):
  frameworks, cycles, assessments and scores. Left out, and said so in the
  report, if that database does not exist.

It migrates each database (one kept by an earlier run lacks the indexes
added since) and otherwise only reads it.

Each URL is loaded twice:

- **latency**, with one connection: one request at a time, so that p50 and
  p99 are what one request costs, with the server's other CPU left to
  PostgreSQL and wrk, as a database server of its own would be. The target
  is judged on these figures;
- **throughput**, with as many connections as the server has workers:
  requests per second when every worker is always busy, and the p99 of that
  load, in which the workers, PostgreSQL and wrk share the two CPUs (given
  beside the other for comparison).

The
page cache is bypassed (a session cookie, as for a signed-in visitor), so
every request is answered by the API's code and the database. For each
database:

1. **baseline**: the first page of initiatives, captured, served from
   memory by ``bench/urls.py``'s baseline view (same server, same
   middleware, no database);
2. every list: the first page, a deep one (a keyset cursor 10,000 rows in,
   or an offset), and sorted or filtered pages;
3. one object of the larger collections;
4. (``bench_search``) the first page of initiatives as an anonymous reader
   gets it (the page cache), for comparison;
5. the baseline again; ratios use the mean of all four baselines.

Target (issue 7): p99 under 50 ms for any list page on PostgreSQL.

Run: ``make bench-api``. ``BENCH_DATABASE_URL`` and
``BENCH_MONITORING_DATABASE_URL`` name other databases;
``BENCH_SECONDS`` sets each measurement's length. Exit status 1 means the
figures are invalid (wrk errors, non-2xx answers), 2 that wrk is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from bench.pages import (
    HEADERS,
    HOST,
    SECONDS,
    WARMUP_SECONDS,
    BenchError,
    Measurement,
    capture_baseline,
    exit_status,
    fetch,
    find_wrk,
    free_port,
    load_average,
    machine_info,
    manage,
    parse_wrk,
    print_log_tails,
    publish_report,
    run_wrk,
    server_env,
    start_server,
    stop_processes,
    wait_until_healthy,
)

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_search"
)
MONITORING_DATABASE_URL = os.environ.get(
    "BENCH_MONITORING_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/bench_monitoring",
)
BASELINE_NAME = "api"
BASELINE_PATH = f"/__bench__/baseline/{BASELINE_NAME}"
UNCACHED_HEADERS = {**HEADERS, "Cookie": "sessionid=bench"}
# How far into a collection a deep page is.
DEEP_ROWS = 10_000
TARGET_P99_MS = 50.0


def get_json(port: int, path: str) -> dict:
    status, headers, body = fetch(port, path, UNCACHED_HEADERS)
    if status != 200:
        raise BenchError(f"{path} answered {status}, not 200.")
    if headers.get("content-encoding") == "gzip":
        import gzip

        body = gzip.decompress(body)
    return json.loads(body)


def local(url: str) -> str:
    """Return the path and query of an address the API gave."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def deep_cursor_page(port: int, collection: str, step: int = 100) -> str:
    """Follow ``next`` DEEP_ROWS rows in, ``step`` rows a page (at most the
    collection's largest page); return that page at the default size."""
    path = f"/api/v1/{collection}/?page_size={step}"
    for _ in range(DEEP_ROWS // step):
        following = get_json(port, path)["next"]
        if following is None:
            break
        path = local(following)
    query = parse_qs(urlsplit(path).query)
    query.pop("page_size", None)
    return f"/api/v1/{collection}/?{urlencode(query, doseq=True)}"


def first_id(port: int, collection: str) -> str | None:
    body = get_json(port, f"/api/v1/{collection}/")
    rows = body.get("results", body.get("items", []))
    if not rows:
        return None
    return str(rows[0].get("id", rows[0].get("geonameid")))


Step = tuple[str, str, str, dict[str, str]]


def plan(port: int) -> list[Step]:
    """Return what to measure in the database of initiatives: every list."""
    cases = [
        ("initiatives, first page", "/api/v1/initiatives/"),
        ("initiatives, deep page", deep_cursor_page(port, "initiatives")),
        (
            "initiatives, filtered",
            "/api/v1/initiatives/?principle=2&status=running&country=US",
        ),
        ("initiatives, by title", "/api/v1/initiatives/?sort=title"),
        ("resources, first page", "/api/v1/resources/"),
        ("resources, deep page", deep_cursor_page(port, "resources")),
        ("resources, by title", "/api/v1/resources/?sort=title"),
        # The synthetic data set has no register entries: an empty page.
        ("register, first page", "/api/v1/register/"),
        ("members, first page", "/api/v1/members/"),
        ("members, deep page", "/api/v1/members/?limit=100&offset=900"),
        ("cities, first page", "/api/v1/cities/"),
        ("cities, deep page", deep_cursor_page(port, "cities")),
        ("cities, by name", "/api/v1/cities/?name=san"),
        ("campaigns", "/api/v1/campaigns/"),
        ("endorsement counts", "/api/v1/endorsement-counts/"),
        ("working groups", "/api/v1/working-groups/"),
        ("meetings, first page", "/api/v1/meetings/"),
        ("news, first page", "/api/v1/news/"),
    ]
    for collection in ("initiatives", "resources", "members", "meetings"):
        found = first_id(port, collection)
        if found is not None:
            cases.append((f"{collection}, one", f"/api/v1/{collection}/{found}"))
    steps = [(name, path, "uncached", UNCACHED_HEADERS) for name, path in cases]
    steps += [("initiatives, first page", "/api/v1/initiatives/", "cached", HEADERS)]
    return steps


def plan_monitoring(port: int) -> list[Step]:
    """Return what to measure in the monitoring database: its lists."""
    cases = [
        ("frameworks", "/api/v1/frameworks/"),
        ("cycles", "/api/v1/cycles/"),
        ("assessments, first page", "/api/v1/assessments/"),
        ("assessments, deep page", deep_cursor_page(port, "assessments", 50)),
        ("assessments, a year", f"/api/v1/assessments/?year={newest_year(port)}"),
        ("assessments, a country", "/api/v1/assessments/?country=US"),
        ("scores, first page", "/api/v1/scores/"),
        ("scores, deep page", deep_cursor_page(port, "scores")),
    ]
    found = first_id(port, "assessments")
    if found is not None:
        cases.append(("assessments, one", f"/api/v1/assessments/{found}"))
    return [(name, path, "uncached", UNCACHED_HEADERS) for name, path in cases]


def newest_year(port: int) -> int:
    body = get_json(port, "/api/v1/cycles/")
    rows = body if isinstance(body, list) else body.get("items", [])
    return max(row["year"] for row in rows)


def exists(url: str) -> bool:
    """Return whether the PostgreSQL database ``url`` names can be reached."""
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error:
        return False
    return True


def measure(
    wrk: str, work: Path, database_url: str, steps_of, logs: dict[str, Path]
) -> list[Case]:
    """Serve one database, measure its steps between two baselines, stop."""
    name = database_url.rsplit("/", 1)[-1]
    port = free_port()
    env = server_env(work / name, port)
    (work / name).mkdir()
    env["DATABASE_URL"] = database_url
    # One client (wrk) asks for everything: no rate limit.
    env["API_RATE_LIMIT"] = "100000000/m"
    workers = int(env["WEB_WORKERS"])
    logs[name] = work / f"{name}.log"
    # A database kept by an earlier run lacks the indexes added since.
    migrated = manage(env, "migrate", "--no-input", "--verbosity", "0")
    if migrated.returncode != 0:
        raise BenchError(f"migrate failed on {name}:\n{migrated.stderr[-2000:]}")
    print(f"==> Starting the production server on {HOST}:{port}, database {name}")
    server = start_server(env, logs[name])
    try:
        wait_until_healthy(server, port)
        capture_baseline(
            port,
            Path(env["BENCH_BASELINE_DIR"]),
            path="/api/v1/initiatives/",
            name=BASELINE_NAME,
            headers=UNCACHED_HEADERS,
        )
        print("==> Finding the deep pages (following cursors)")
        baseline = ("baseline", BASELINE_PATH, "baseline", UNCACHED_HEADERS)
        steps = [baseline, *steps_of(port), baseline]
        for _name, path, _mode, headers in steps:
            status, _headers, _body = fetch(port, path, headers)
            if status != 200:
                raise BenchError(f"{path} answered {status}, not 200.")
        results = []
        for case, path, mode, headers in steps:
            print(f"==> {name}: {mode} {case}: warming up, then {SECONDS} s twice")
            run_wrk(wrk, port, path, headers, WARMUP_SECONDS, connections=workers)
            alone = run_wrk(wrk, port, path, headers, SECONDS, connections=1)
            busy = run_wrk(wrk, port, path, headers, SECONDS, connections=workers)
            results.append(
                Case(
                    parse_wrk(alone, name=case, path=path, mode=mode, connections=1),
                    parse_wrk(
                        busy, name=case, path=path, mode=mode, connections=workers
                    ),
                )
            )
        return results
    finally:
        stop_processes({name: server})


def cpu_probe() -> str:
    """Time a fixed loop of pure Python, the best of five: this machine has
    phases in which everything takes twice as long, and this says which
    phase a run started and ended in."""

    def once() -> float:
        started = time.perf_counter()
        total = 0
        for number in range(3_000_000):
            total += number * number
        return (time.perf_counter() - started) * 1000

    return f"{min(once() for _ in range(5)):.0f} ms"


@dataclass(frozen=True)
class Case:
    """One URL measured alone (latency) and with every worker busy."""

    alone: Measurement
    busy: Measurement

    @property
    def errors(self) -> list[str]:
        return [*self.alone.errors, *self.busy.errors]


def render_report(cases: list[Case], info: dict[str, str]) -> str:
    results = [case.busy for case in cases]
    baselines = [m.requests_per_second for m in results if m.mode == "baseline"]
    baseline = sum(baselines) / len(baselines)
    lines = [f"- {key}: {value}" for key, value in info.items()]
    lines += [
        f"- baseline: {' and '.join(f'{b:.0f}' for b in baselines)} req/s "
        "(at the start and end of each database's run); ratios use their"
        f" mean, {baseline:.0f}",
        "",
        "p50 and p99 are of one request at a time; req/s and the last p99 of"
        " as many connections as workers.",
        "",
        "| case | URL | mode | p50 ms | p99 ms | req/s | p99 ms, busy"
        " | ratio to baseline |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case in cases:
        m, busy = case.alone, case.busy
        shown = m.path if len(m.path) < 70 else m.path[:67] + "…"
        lines.append(
            f"| {m.name} | `{shown}` | {m.mode} | {m.p50_ms:.1f} | {m.p99_ms:.1f} "
            f"| {busy.requests_per_second:.0f} | {busy.p99_ms:.1f} "
            f"| {busy.requests_per_second / baseline:.1%} |"
        )
    misses = [
        f"{case.alone.name} (p99 {case.alone.p99_ms:.1f} ms)"
        for case in cases
        if case.alone.mode == "uncached"
        and "one" not in case.alone.name
        and case.alone.p99_ms >= TARGET_P99_MS
    ]
    target = (
        f"p99 < {TARGET_P99_MS:.0f} ms for every list page, uncached,"
        " one request at a time"
    )
    verdict = (
        f"FAIL: {target} missed by {'; '.join(misses)}" if misses else f"PASS: {target}"
    )
    return "\n".join([*lines, "", verdict])


def main() -> int:
    """Serve the kept databases, measure the API, print and save the report."""
    wrk = find_wrk()
    if wrk is None:
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    logs: dict[str, Path] = {}
    try:
        started = time.monotonic()
        env = server_env(work, free_port())
        workers = int(env["WEB_WORKERS"])
        info = machine_info(env, wrk)
        info["CPU probe at the start (a fixed loop; lower is faster)"] = cpu_probe()
        info["database"] = DATABASE_URL.rsplit("/", 1)[-1] + " (PostgreSQL, read only)"
        info["load"] = (
            f"wrk -t1 -c1 -d{SECONDS}s (latency), then wrk -t{min(workers, 2)}"
            f" -c{workers} -d{SECONDS}s (throughput: one connection per worker),"
            " gzip, https proxy"
        )
        results = measure(wrk, work, DATABASE_URL, plan, logs)
        monitoring = MONITORING_DATABASE_URL.rsplit("/", 1)[-1]
        if exists(MONITORING_DATABASE_URL):
            info["monitoring database"] = f"{monitoring} (PostgreSQL, read only)"
            results += measure(
                wrk, work, MONITORING_DATABASE_URL, plan_monitoring, logs
            )
        else:
            info["monitoring database"] = (
                f"{monitoring} not found: its lists were not measured"
                " (BENCH_KEEP=1 make bench-monitoring makes it)"
            )
        info["load average at the end"] = load_average()
        info["CPU probe at the end"] = cpu_probe()
        info["run time"] = f"{time.monotonic() - started:.0f} s"
        publish_report(render_report(results, info), "api", "API benchmark")
        errors = [
            f"{c.alone.path} ({c.alone.mode}): {e}" for c in results for e in c.errors
        ]
        return exit_status(errors, logs)
    except (BenchError, subprocess.SubprocessError, OSError) as error:
        print(f"ERROR: {error}")
        print_log_tails(logs)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

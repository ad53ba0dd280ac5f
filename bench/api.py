"""The JSON API (``/api/v1/``) at the synthetic scale of issue 7.

Serves the database ``bench/search.py`` keeps with ``BENCH_KEEP=1``
(PostgreSQL ``bench_search``: 1,000 member cities, 100,000 initiatives,
5,000 toolkit resources) with the production server (``scripts/serve.sh``:
granian, one worker per CPU) and production settings, and loads it with wrk.
It only reads that database: no migration, no write.

Each URL is loaded with as many connections as the server has workers, so
that no request waits in a queue: p50 and p99 are what one request costs,
and requests per second what the server delivers when always busy. The
page cache is bypassed (a session cookie, as for a signed-in visitor), so
every request is answered by the API's code and the database:

1. **baseline**: the first page of initiatives, captured, served from
   memory by ``bench/urls.py``'s baseline view (same server, same
   middleware, no database);
2. list pages of initiatives, resources, members and meetings: the first
   page and a deep one (a keyset cursor 10,000 rows in, or an offset);
3. one object of each;
4. the first page of initiatives as an anonymous reader gets it (the page
   cache), for comparison;
5. the baseline again; ratios use the mean of both.

Target (issue 7): p99 under 50 ms for any list page on PostgreSQL.

Run: ``make bench-api``. ``BENCH_DATABASE_URL`` names another database
(default ``postgres://postgres@127.0.0.1:5432/bench_search``);
``BENCH_SECONDS`` sets each measurement's length. Exit status 1 means the
figures are invalid (wrk errors, non-2xx answers), 2 that wrk is missing.
"""

from __future__ import annotations

import json
import os
import re
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
    TIME_UNITS_MS,
    WARMUP_SECONDS,
    WRK_TIMEOUT,
    BenchError,
    exit_status,
    fetch,
    find_wrk,
    free_port,
    load_average,
    machine_info,
    print_log_tails,
    publish_report,
    server_env,
    start_server,
    stop_processes,
    wait_until_healthy,
)

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_search"
)
BASELINE_NAME = "api"
BASELINE_PATH = f"/__bench__/baseline/{BASELINE_NAME}"
UNCACHED_HEADERS = {**HEADERS, "Cookie": "sessionid=bench"}
# How far into a collection a deep page is.
DEEP_ROWS = 10_000
TARGET_P99_MS = 50.0


@dataclass
class Measurement:
    name: str
    path: str
    mode: str
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: list[str]


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


def deep_cursor_page(port: int, collection: str) -> str:
    """Follow ``next`` DEEP_ROWS rows in; return that page at the default size."""
    path = f"/api/v1/{collection}/?page_size=100"
    for _ in range(DEEP_ROWS // 100):
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


def plan(port: int) -> list[tuple[str, str, str, dict[str, str]]]:
    """Return what to measure: (name, path, mode, headers)."""
    cases = [
        ("initiatives, first page", "/api/v1/initiatives/"),
        ("initiatives, deep page", deep_cursor_page(port, "initiatives")),
        (
            "initiatives, filtered",
            "/api/v1/initiatives/?principle=2&status=running&country=US",
        ),
        ("resources, first page", "/api/v1/resources/"),
        ("resources, deep page", deep_cursor_page(port, "resources")),
        ("members, first page", "/api/v1/members/"),
        ("members, deep page", "/api/v1/members/?limit=100&offset=900"),
        ("meetings, first page", "/api/v1/meetings/"),
    ]
    for collection in ("initiatives", "resources", "members", "meetings"):
        found = first_id(port, collection)
        if found is not None:
            cases.append((f"{collection}, one", f"/api/v1/{collection}/{found}"))
    steps = [("baseline", BASELINE_PATH, "baseline", UNCACHED_HEADERS)]
    steps += [(name, path, "uncached", UNCACHED_HEADERS) for name, path in cases]
    steps += [("initiatives, first page", "/api/v1/initiatives/", "cached", HEADERS)]
    steps += [("baseline", BASELINE_PATH, "baseline", UNCACHED_HEADERS)]
    return steps


def capture_baseline(port: int, folder: Path) -> None:
    """Keep the first page of initiatives for the baseline view to return."""
    status, headers, body = fetch(port, "/api/v1/initiatives/", UNCACHED_HEADERS)
    if status != 200:
        raise BenchError(f"/api/v1/initiatives/ answered {status}, not 200.")
    kept = {
        name: headers[name.lower()]
        for name in ("Content-Type", "Content-Encoding")
        if name.lower() in headers
    }
    folder.mkdir(exist_ok=True)
    (folder / f"{BASELINE_NAME}.body").write_bytes(body)
    (folder / f"{BASELINE_NAME}.headers.json").write_text(json.dumps(kept))


def run_wrk(
    wrk: str, port: int, path: str, headers: dict, seconds: int, connections: int
) -> str:
    command = [
        wrk,
        f"-t{connections}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        WRK_TIMEOUT,
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"wrk failed on {path}:\n{done.stdout}{done.stderr}")
    return done.stdout


def parse_wrk(output: str, *, name: str, path: str, mode: str) -> Measurement:
    def latency_ms(label: str) -> float:
        match = re.search(rf"{label}([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
        if match is None:
            raise BenchError(f"Unexpected wrk output for {path}:\n{output}")
        value, unit = match.groups()
        return float(value) * TIME_UNITS_MS[unit]

    errors = []
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors and any(int(count) for count in socket_errors.groups()):
        errors.append(socket_errors.group(0))
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if bad_status:
        errors.append(bad_status.group(0))
    requests = re.search(r"(\d+) requests in", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if requests is None or rate is None or int(requests.group(1)) == 0:
        raise BenchError(f"Unexpected wrk output for {path}:\n{output}")
    if errors:
        print(output)
    return Measurement(
        name=name,
        path=path,
        mode=mode,
        requests=int(requests.group(1)),
        requests_per_second=float(rate.group(1)),
        p50_ms=latency_ms(r"^\s*50%\s+"),
        p99_ms=latency_ms(r"^\s*99%\s+"),
        errors=errors,
    )


def render_report(results: list[Measurement], info: dict[str, str]) -> str:
    baselines = [m.requests_per_second for m in results if m.mode == "baseline"]
    baseline = sum(baselines) / len(baselines)
    lines = [f"- {key}: {value}" for key, value in info.items()]
    lines += [
        f"- baseline: {' and '.join(f'{b:.0f}' for b in baselines)} req/s "
        f"(before and after); ratios use their mean, {baseline:.0f}",
        "",
        "| case | URL | mode | req/s | p50 ms | p99 ms | ratio to baseline |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for m in results:
        shown = m.path if len(m.path) < 70 else m.path[:67] + "…"
        lines.append(
            f"| {m.name} | `{shown}` | {m.mode} | {m.requests_per_second:.0f} "
            f"| {m.p50_ms:.1f} | {m.p99_ms:.1f} "
            f"| {m.requests_per_second / baseline:.1%} |"
        )
    misses = [
        f"{m.name} (p99 {m.p99_ms:.1f} ms)"
        for m in results
        if m.mode == "uncached" and "one" not in m.name and m.p99_ms >= TARGET_P99_MS
    ]
    target = f"p99 < {TARGET_P99_MS:.0f} ms for every list page, uncached"
    verdict = (
        f"FAIL: {target} missed by {'; '.join(misses)}" if misses else f"PASS: {target}"
    )
    return "\n".join([*lines, "", verdict])


def main() -> int:
    """Serve the kept database, measure the API, print and save the report."""
    wrk = find_wrk()
    if wrk is None:
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    processes: dict[str, subprocess.Popen] = {}
    logs = {"server": work / "server.log"}
    try:
        port = free_port()
        env = server_env(work, port)
        env["DATABASE_URL"] = DATABASE_URL
        # One client (wrk) asks for everything: no rate limit.
        env["API_RATE_LIMIT"] = "100000000/m"
        workers = int(env["WEB_WORKERS"])
        started = time.monotonic()
        info = machine_info(env, wrk)
        info["database"] = DATABASE_URL.rsplit("/", 1)[-1] + " (PostgreSQL, read only)"
        info["load"] = (
            f"wrk -t{workers} -c{workers} -d{SECONDS}s (one connection per "
            "worker: no queueing), gzip, https proxy"
        )
        print(f"==> Starting the production server on {HOST}:{port}")
        processes["server"] = start_server(env, logs["server"])
        wait_until_healthy(processes["server"], port)
        capture_baseline(port, Path(env["BENCH_BASELINE_DIR"]))
        print("==> Finding the deep pages (following cursors)")
        steps = plan(port)
        for _name, path, _mode, headers in steps:
            status, _headers, _body = fetch(port, path, headers)
            if status != 200:
                raise BenchError(f"{path} answered {status}, not 200.")

        results = []
        for name, path, mode, headers in steps:
            print(f"==> {mode} {name}: warming up, then {SECONDS} s with wrk")
            run_wrk(wrk, port, path, headers, WARMUP_SECONDS, workers)
            output = run_wrk(wrk, port, path, headers, SECONDS, workers)
            results.append(parse_wrk(output, name=name, path=path, mode=mode))

        info["load average at the end"] = load_average()
        info["run time"] = f"{time.monotonic() - started:.0f} s"
        publish_report(render_report(results, info), "api", "API benchmark")
        errors = [f"{m.path} ({m.mode}): {e}" for m in results for e in m.errors]
        return exit_status(errors, logs)
    except (BenchError, subprocess.SubprocessError, OSError) as error:
        print(f"ERROR: {error}")
        print_log_tails(logs)
        return 1
    finally:
        stop_processes(processes)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

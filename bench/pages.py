"""Benchmark anonymous page views with the production server (`make bench-pages`).

Build a throwaway site (database, demo content, static files) in a temporary
folder, serve it with ``scripts/serve.sh`` (granian, one worker per CPU) on
127.0.0.1, and load it with wrk at 64 connections. Every figure is compared
with a baseline measured in the same run: the same server answering a trivial
view (``bench/urls.py``) that returns the home page's bytes from memory.

Environment:
    BENCH_SECONDS   length of each measurement in seconds (default 10).
    DATABASE_URL    a *scratch* database to use instead of a temporary SQLite
                    file; the benchmark migrates it and loads the demo content.
    REDIS_URL       a Redis to use as the cache instead of per-process memory;
                    the benchmark's keys get a prefix of their own.
    GRANIAN_*       passed to granian, to try a server setting.

Exit status: 0 when every measurement ran cleanly (missing the targets is
reported, not an error); 1 when the site could not be built or served, or
wrk saw errors or non-2xx answers; 2 when wrk is not installed.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import gzip
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
HOST = "127.0.0.1"
CONNECTIONS = 64
THREADS = 2
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP_SECONDS = 2
# wrk's default of 2 s would drop the slowest uncached answers from the
# latency figures instead of counting them.
WRK_TIMEOUT = "30s"
TARGET_RATIO = 0.5
MIN_BUSY_SHARE = 0.5
TARGET_P99_MS = 20.0

PAGES = {
    "home": "/en/",
    "declaration": "/en/declaration/",
    "cities": "/en/cities/",
}
BASELINE_PATH = "/__bench__/baseline/home"
# Production sits behind a TLS proxy, and browsers ask for gzip.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
# PageCacheMiddleware._request_is_cacheable (digitalrights/core/cache.py)
# lets any request carrying the session cookie through to the view, as it
# would for a signed-in visitor. "bench" is not a valid session key, so
# SessionMiddleware does not even look it up.
UNCACHED_HEADERS = {**HEADERS, "Cookie": "sessionid=bench"}
CITY_LINK = re.compile(r'href="(/en/cities/\d+-[a-z0-9-]+/)"')
TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class BenchError(Exception):
    """A failure that makes the figures meaningless."""


@dataclass
class Measurement:
    """One wrk run against one URL."""

    name: str
    path: str
    mode: str
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: list[str]


def main() -> int:
    """Build the site, measure it, print and save the report."""
    wrk = find_wrk()
    if wrk is None:
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    processes: dict[str, subprocess.Popen] = {}
    logs = {"server": work / "server.log"}
    try:
        port = free_port()
        env = server_env(work, port)
        started = time.monotonic()
        info = machine_info(env, wrk)
        prepare_site(env)
        print(f"==> Starting the production server on {HOST}:{port}")
        processes["server"] = start_server(env, logs["server"])
        wait_until_healthy(processes["server"], port)
        city = first_city_path(port)
        pages = {**PAGES, "city": city}
        capture_baseline(port, Path(env["BENCH_BASELINE_DIR"]))

        plan = [("home", BASELINE_PATH, "baseline", HEADERS)]
        plan += [(name, path, "cached", HEADERS) for name, path in pages.items()]
        plan += [
            (name, path, "uncached", UNCACHED_HEADERS) for name, path in pages.items()
        ]
        plan += [("home", BASELINE_PATH, "baseline", HEADERS)]
        for _name, path, _mode, headers in plan:
            check_answer(port, path, headers)

        results = []
        for name, path, mode, headers in plan:
            print(f"==> {mode} {path}: warming up, then {SECONDS} s with wrk")
            run_wrk(wrk, port, path, headers, WARMUP_SECONDS)
            output = run_wrk(wrk, port, path, headers, SECONDS)
            results.append(parse_wrk(output, name=name, path=path, mode=mode))

        info["load average at the end"] = load_average()
        info["run time"] = f"{time.monotonic() - started:.0f} s"
        publish_report(render_report(results, info), "pages", "Page benchmark")
        errors = [f"{m.path} ({m.mode}): {e}" for m in results for e in m.errors]
        return exit_status(errors, logs)
    except (BenchError, subprocess.SubprocessError, OSError) as error:
        print(f"ERROR: {error}")
        print_log_tails(logs)
        return 1
    finally:
        stop_processes(processes)
        shutil.rmtree(work, ignore_errors=True)


def find_wrk() -> str | None:
    """Return wrk's path, or None after saying how to install it."""
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is not installed. Install it with: apt-get install -y wrk")
    return wrk


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_settings() -> dict[str, str]:
    """Return what production settings need: fresh keys, and our host only."""
    return {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PERSONAL_DATA_HASH_KEYS": secrets.token_urlsafe(40),
        "PERSONAL_DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(
            secrets.token_bytes(32)
        ).decode(),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
    }


def server_env(work: Path, port: int) -> dict[str, str]:
    """Return the environment of the production settings, kept in ``work``."""
    env = dict(os.environ)
    for name in ("DEBUG", "EMAIL_URL", "CSRF_TRUSTED_ORIGINS", "SECURE_SSL_REDIRECT"):
        env.pop(name, None)
    env.update(
        {
            **production_settings(),
            "VAR_DIR": str(work),
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            # Set even when empty so that a developer's .env, which the
            # settings read for anything unset, never points the benchmark
            # at a real database or cache.
            "DATABASE_URL": os.environ.get("DATABASE_URL")
            or f"sqlite:///{work / 'db.sqlite3'}",
            "REDIS_URL": os.environ.get("REDIS_URL", ""),
            "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
            "ROOT_URLCONF": "bench.urls",
            "BENCH_BASELINE_DIR": str(work / "baseline"),
            "HOST": HOST,
            "PORT": str(port),
            "WEB_WORKERS": str(len(os.sched_getaffinity(0))),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def machine_info(env: dict[str, str], wrk: str) -> dict[str, str]:
    """Describe the machine and the configuration the figures belong to."""
    wrk_version = subprocess.run(
        [wrk, "--version"], capture_output=True, text=True, check=False
    ).stdout.split("[")[0]
    database = env["DATABASE_URL"].split(":", 1)[0]
    info = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "load average at the start": load_average(),
        "Python": platform.python_version(),
        "Django / Wagtail / granian": " / ".join(
            version(package) for package in ("django", "wagtail", "granian")
        ),
        "wrk": wrk_version.strip(),
        "server": (
            f"scripts/serve.sh, {env['WEB_WORKERS']} workers of "
            f"{env.get('WEB_THREADS') or 1} thread(s)"
        ),
        "database": "SQLite (temporary)" if database == "sqlite" else database,
        "cache": "Redis" if env["REDIS_URL"] else "local memory (per process)",
        "load": f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, gzip, https proxy",
    }
    overrides = sorted(name for name in env if name.startswith("GRANIAN_"))
    if overrides:
        info["granian overrides"] = ", ".join(f"{n}={env[n]}" for n in overrides)
    return info


def load_average() -> str:
    """Return the 1, 5 and 15 minute load averages."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def prepare_site(env: dict[str, str]) -> None:
    """Create the schema, the demo content and the static files."""
    steps = [
        ("Creating the database", ["migrate", "--no-input", "--verbosity", "0"]),
        ("Loading the demo content", ["demo_load", "--quick", "--no-staff"]),
        ("Collecting static files", ["collectstatic", "--no-input", "-v", "0"]),
    ]
    for title, arguments in steps:
        print(f"==> {title}")
        done = manage(env, *arguments)
        if done.returncode != 0:
            raise BenchError(
                f"manage.py {arguments[0]} failed:\n{done.stdout}{done.stderr}"
            )


def manage(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess:
    """Run a manage.py command with the benchmark's settings; capture its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def start_process(
    command: list[str], env: dict[str, str], log_path: Path
) -> subprocess.Popen:
    """Start a command in a process group of its own, its output in the log."""
    with log_path.open("wb") as log:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start_server(env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """Start the production server (scripts/serve.sh)."""
    return start_process(["bash", str(ROOT / "scripts" / "serve.sh")], env, log_path)


def stop_process(process: subprocess.Popen) -> None:
    """Stop a process started by start_process and its children, forcefully if
    they linger."""
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def stop_processes(processes: dict[str, subprocess.Popen]) -> None:
    """Stop the processes started, the last started first."""
    for process in reversed(processes.values()):
        stop_process(process)


def wait_until_healthy(server: subprocess.Popen, port: int) -> None:
    """Wait until our server answers its health check."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"The server stopped with status {server.returncode}.")
        with contextlib.suppress(OSError, ValueError):
            status, headers, body = fetch(port, "/healthz", HEADERS)
            # Make sure the answer comes from our server, and it is ready.
            ours = status == 200 and headers.get("server") == "granian"
            if ours and json.loads(body).get("database") == "ok":
                return
        time.sleep(0.5)
    raise BenchError("The server did not answer /healthz within 120 seconds.")


def fetch(
    port: int,
    path: str,
    headers: dict[str, str],
    method: str = "GET",
    body: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """Return the status, headers and body of one request to the server."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        received = {k.lower(): v for k, v in response.getheaders()}
        return response.status, received, content
    finally:
        connection.close()


def decoded(headers: dict[str, str], body: bytes) -> str:
    """Return the body as text, gunzipped if needed."""
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def first_city_path(port: int) -> str:
    """Return the first city page the directory links to."""
    status, headers, body = fetch(port, PAGES["cities"], HEADERS)
    match = CITY_LINK.search(decoded(headers, body)) if status == 200 else None
    if match is None:
        raise BenchError(f"No city page is linked from {PAGES['cities']}.")
    return match.group(1)


def capture_baseline(
    port: int,
    folder: Path,
    path: str = PAGES["home"],
    name: str = "home",
    headers: dict[str, str] = HEADERS,
) -> None:
    """Keep a page's answer (the home page's) for the baseline view to return
    as ``/__bench__/baseline/<name>``."""
    status, answer, body = fetch(port, path, headers)
    if status != 200:
        raise BenchError(f"{path} answered {status}, not 200.")
    kept = {
        header: answer[header.lower()]
        for header in ("Content-Type", "Content-Encoding")
        if header.lower() in answer
    }
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.body").write_bytes(body)
    (folder / f"{name}.headers.json").write_text(json.dumps(kept))


def check_answer(port: int, path: str, headers: dict[str, str]) -> None:
    """Fail unless the URL answers 200 (wrk would count a redirect as fine)."""
    status, answer, _ = fetch(port, path, headers)
    if status != 200:
        where = f" to {answer['location']}" if "location" in answer else ""
        raise BenchError(f"{path} answered {status}{where}, not 200.")


def run_wrk(
    wrk: str,
    port: int,
    path: str,
    headers: dict[str, str],
    seconds: int,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
    connections: int = CONNECTIONS,
) -> str:
    """Run wrk against one URL (with a Lua script and its arguments, if given)
    with ``connections`` open at once, and return its report."""
    command = [
        wrk,
        f"-t{min(THREADS, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        WRK_TIMEOUT,
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(f"http://{HOST}:{port}{path}")
    if script_args:
        command += ["--", *script_args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        target = " ".join([path, *script_args])
        raise BenchError(f"wrk failed on {target}:\n{done.stdout}{done.stderr}")
    return done.stdout


def parse_wrk(
    output: str, *, name: str, path: str, mode: str, connections: int = CONNECTIONS
) -> Measurement:
    """Read requests per second, p50, p99 and any errors from wrk's report of
    a run with ``connections`` open at once."""

    def number(pattern: str) -> str:
        match = re.search(pattern, output)
        if match is None:
            raise BenchError(f"Unexpected wrk output for {path}:\n{output}")
        return match.group(1)

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
    requests = int(number(r"(\d+) requests in"))
    if requests == 0:
        errors.append("no request completed")
    requests_per_second = float(number(r"Requests/sec:\s+([\d.]+)"))
    # wrk never reports a connection the server leaves unanswered (granian
    # does so beyond its --backpressure), but Little's law shows it: the
    # connections in use are the request rate times the mean latency.
    busy = requests_per_second * latency_ms(r"^\s*Latency\s+") / 1000
    if busy < connections * MIN_BUSY_SHARE:
        errors.append(
            f"only {busy:.0f} of {connections} connections were answered at a "
            "time; the server left the others waiting"
        )
    if errors:
        print(output)
    return Measurement(
        name=name,
        path=path,
        mode=mode,
        requests=requests,
        requests_per_second=requests_per_second,
        p50_ms=latency_ms(r"^\s*50%\s+"),
        p99_ms=latency_ms(r"^\s*99%\s+"),
        errors=errors,
    )


def render_report(results: list[Measurement], info: dict[str, str]) -> str:
    """Return the markdown report: the machine, the table and the verdict."""
    baselines = [m.requests_per_second for m in results if m.mode == "baseline"]
    baseline = sum(baselines) / len(baselines)
    lines = [f"- {key}: {value}" for key, value in info.items()]
    lines += [
        f"- baseline: {' and '.join(f'{b:.0f}' for b in baselines)} req/s "
        f"(before and after the pages); ratios use their mean, {baseline:.0f}",
        "",
        "| URL | mode | req/s | p50 ms | p99 ms | ratio to baseline |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for m in results:
        url = f"{m.path} ({m.name})" if m.mode == "baseline" else m.path
        lines.append(
            f"| {url} | {m.mode} | {m.requests_per_second:.0f} | {m.p50_ms:.1f} "
            f"| {m.p99_ms:.1f} | {m.requests_per_second / baseline:.1%} |"
        )
    misses = [
        f"{m.path} ({m.requests_per_second / baseline:.0%} of baseline, "
        f"p99 {m.p99_ms:.1f} ms)"
        for m in results
        if m.mode == "cached"
        and (
            m.requests_per_second < TARGET_RATIO * baseline or m.p99_ms >= TARGET_P99_MS
        )
    ]
    target = (
        f"cached >= {TARGET_RATIO:.0%} of baseline and p99 < {TARGET_P99_MS:.0f} ms"
    )
    verdict = (
        f"FAIL: {target} missed by {'; '.join(misses)}"
        if misses
        else f"PASS: {target} for every page"
    )
    lines += ["", verdict]
    return "\n".join(lines)


def publish_report(report: str, name: str, title: str) -> Path:
    """Print the report and keep it in bench/results/ (ignored by git)."""
    print()
    print(report)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{name}-{stamp}.md"
    path.write_text(f"# {title}, {stamp}\n\n{report}\n")
    print(f"\nSaved to {path.relative_to(ROOT)}")
    return path


def exit_status(problems: list[str], logs: dict[str, Path]) -> int:
    """Return 0, or 1 after saying why the figures are not valid."""
    if not problems:
        return 0
    print("ERROR: the figures are not valid:")
    for problem in problems:
        print(f"  - {problem}")
    print_log_tails(logs)
    return 1


def print_log_tails(logs: dict[str, Path], lines: int = 40) -> None:
    """Show the end of each log, where a failure explains itself."""
    for name, path in logs.items():
        text = path.read_text(errors="replace") if path.exists() else ""
        tail = text.splitlines()[-lines:]
        if tail:
            print(f"--- {name} log (last lines) ---")
            print("\n".join(tail))


if __name__ == "__main__":
    sys.exit(main())

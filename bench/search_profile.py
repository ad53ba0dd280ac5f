"""Where a search page's time goes: queries, SQL time and Python CPU per case.

Runs the cases of ``bench.search`` against a database already loaded by it
(``BENCH_KEEP=1 BENCH_ONLY=postgres make bench-search`` keeps
``bench_search``), without the page cache, and prints per case the number of
queries, the SQL time (best of three) and the process's CPU time (median of
eight): CPU time stays meaningful while other work shares the machine, wall
time does not. ``EXPLAIN=1`` prints the plan of each case's slowest query.

Run (arguments: parts of case names, none for all)::

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=digitalrights.settings DEBUG=0 \\
    VAR_DIR=bench/results/search-var \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
    .venv/bin/python -m bench.search_profile "filter: everything"
"""

from __future__ import annotations

import os
import statistics
import sys
import time


def main(wanted: list[str]) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.search import CASES

    client = Client(HTTP_HOST="localhost")
    client.cookies["sessionid"] = "bench"  # the page cache lets it through
    for label, path in CASES:
        if wanted and not any(part in label for part in wanted):
            continue
        client.get(path)
        cpu = []
        for _ in range(8):
            started = time.process_time()
            client.get(path)
            cpu.append((time.process_time() - started) * 1000)
        best_sql, slowest = None, None
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            if best_sql is None or sql < best_sql:
                best_sql = sql
                slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
        print(
            f"{label:45s} {len(queries.captured_queries):3d} queries,"
            f" SQL {best_sql:6.0f} ms, Python CPU {statistics.median(cpu):5.0f} ms"
        )
        if os.environ.get("EXPLAIN") == "1" and slowest is not None:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                for (line,) in cursor.fetchall():
                    print("    " + line)


if __name__ == "__main__":
    main(sys.argv[1:])

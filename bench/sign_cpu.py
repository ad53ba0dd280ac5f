"""What one signature costs the web server, measured in one process.

``make bench-endorse`` measures the whole system under load; this measures
only the web process's own CPU per request, which moves little with what else
the machine is doing, so a change to the signing path can be judged in
seconds. It calls the production WSGI application directly (production
settings, every middleware, PostgreSQL and Redis over real connections, no
HTTP server and no load generator) and reports, best of ``BENCH_ROUNDS``
rounds of ``BENCH_REQUESTS`` requests:

- the INSERT baseline (``/__bench__/insert``, bench/urls.py), and
- a signature (``/<lang>/endorse/<geonameid>/``), with a solved proof of work,

in CPU milliseconds per request (``time.process_time``), the ratio between
them, and how many statements PostgreSQL and commands Redis saw per request.

It creates a scratch database ``bench_cpu_<random>`` and drops it afterwards,
and uses a random cache key prefix in Redis database 2.

Run: ``.venv/bin/python -m bench.sign_cpu`` (``make bench-sign-cpu``).
"""

from __future__ import annotations

import io
import os
import secrets
import statistics
import sys
import time
import urllib.parse

from bench.pages import HOST, production_settings

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "1500"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/2")

# A database to keep between runs (created and migrated when missing), so
# that trying a change does not wait for the migrations each time.
KEEP_DATABASE = os.environ.get("BENCH_DATABASE", "")


def configure() -> str:
    """Set the production environment before Django starts; return the db name."""
    name = KEEP_DATABASE or f"bench_cpu_{secrets.token_hex(4)}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "digitalrights.settings",
            **production_settings(),
            "DATABASE_URL": f"{POSTGRES}/{name}",
            "REDIS_URL": REDIS,
            "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
            "ROOT_URLCONF": "bench.urls",
            "EMAIL_URL": "dummymail://",
        }
    )
    for variable in ("DEBUG", "CSRF_TRUSTED_ORIGINS", "SECURE_SSL_REDIRECT"):
        os.environ.pop(variable, None)
    return name


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return found is not None


def prepare() -> list[int]:
    """Migrate the scratch database and give it a few cities; return their ids."""
    from django.core.management import call_command
    from django.db import connection

    from digitalrights.cities.models import City
    from digitalrights.endorsements.models import EndorsementSettings

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, "
            "email text NOT NULL, domain text NOT NULL)"
        )
    cities = [
        City.objects.get_or_create(
            geonameid=2759794 + n,
            defaults={
                "name": f"Bench city {n}",
                "slug": f"bench-city-{n}",
                "country_code": "NL",
                "region_code": "EU",
                "admin1_code": "07",
                "latitude": 52.37,
                "longitude": 4.89,
                "timezone": "Europe/Amsterdam",
            },
        )[0]
        for n in range(10)
    ]
    rules = EndorsementSettings.load()
    rules.per_network_per_hour = 10_000_000
    rules.per_network_without_proof_per_hour = 10_000_000
    rules.save()
    return [city.geonameid for city in cities]


def proofs(count: int) -> list[str]:
    """Return solved proof-of-work answers, as the widget would send them.

    The benchmark knows the signing key, so it solves each challenge from the
    counter the server chose instead of searching for it.
    """
    import datetime

    import altcha as altcha_library
    from django.conf import settings
    from django.utils import timezone

    from digitalrights.endorsements import altcha

    challenge_key, answer_key = altcha._keys(settings.ALTCHA_HMAC_KEY)
    expires_at = timezone.now() + datetime.timedelta(minutes=10)
    answers = []
    for _ in range(count):
        counter = altcha.COUNTER_MIN + secrets.randbelow(1000)
        challenge = altcha_library.create_challenge(
            altcha.ALGORITHM,
            altcha.COST,
            counter=counter,
            expires_at=expires_at,
            hmac_secret=challenge_key,
            hmac_key_secret=answer_key,
        )
        solution = altcha_library.solve_challenge(challenge, counter_start=counter)
        answers.append(altcha_library.Payload(challenge, solution).to_base64())
    return answers


def take(answers: list[str], mode: str, count: int) -> list[str]:
    """Remove and return ``count`` unused proof-of-work answers, for signing."""
    if mode != "sign":
        return []
    taken = answers[-count:]
    del answers[-count:]
    return taken


def wsgi_call(application, path: str, body: bytes) -> str:
    """POST ``body`` to ``path`` through the WSGI application; return the status."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": HOST,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    status = []
    result = application(environ, lambda s, h, e=None: status.append(s))
    for _chunk in result:
        pass
    if hasattr(result, "close"):
        result.close()
    return status[0]


def run(application, requests: list[tuple[str, bytes]]) -> tuple[float, float]:
    """Send the requests; return CPU and wall milliseconds per request."""
    cpu, wall = time.process_time(), time.perf_counter()
    for path, body in requests:
        status = wsgi_call(application, path, body)
        if not status.startswith("302"):
            raise SystemExit(f"{path} answered {status}, not 302")
    count = len(requests)
    return (
        (time.process_time() - cpu) * 1000 / count,
        (time.perf_counter() - wall) * 1000 / count,
    )


def requests_for(
    mode: str, cities: list[int], answers: list[str], count: int = REQUESTS
) -> list[tuple[str, bytes]]:
    """Return ``count`` requests of one kind, each with a new address."""
    tag = secrets.token_hex(4)
    languages = ["en", "es", "ca", "fr", "nl"]
    requests = []
    for n in range(count):
        city = cities[n % len(cities)]
        fields = {
            "email": f"{tag}-{n}@{tag}.bench.example",
            "name": "Bench Resident",
            "website": "",
        }
        if mode == "insert":
            requests.append(
                ("/__bench__/insert", urllib.parse.urlencode(fields).encode())
            )
            continue
        fields["altcha"] = answers[n]
        if n % 10 == 0:
            fields["wants_news"] = "on"
        path = f"/{languages[n % 5]}/endorse/{city}/"
        requests.append((path, urllib.parse.urlencode(fields).encode()))
    return requests


def count_round_trips(application, requests: list[tuple[str, bytes]]):
    """Return PostgreSQL statements and Redis commands per request."""
    import redis
    from django.db import connection

    statements = []
    commands = []

    def note_statement(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    original = redis.connection.AbstractConnection.send_packed_command

    def note_command(self, command, check_health=True):
        commands.append(command)
        return original(self, command, check_health)

    redis.connection.AbstractConnection.send_packed_command = note_command
    try:
        with connection.execute_wrapper(note_statement):
            run(application, requests)
    finally:
        redis.connection.AbstractConnection.send_packed_command = original
    return len(statements) / len(requests), len(commands) / len(requests)


def profile(application, requests: list[tuple[str, bytes]]) -> None:
    """Print where a signature's CPU time goes (BENCH_PROFILE=1)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(run, application, requests)
    stats = pstats.Stats(profiler)
    stats.sort_stats(os.environ["BENCH_PROFILE"]).print_stats(45)


def forget_cache_keys() -> None:
    """Delete what this run left in Redis (its own key prefix only)."""
    import redis

    client = redis.Redis.from_url(REDIS)
    keys = list(client.scan_iter(f"{os.environ['CACHE_KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)


def main() -> int:
    database = configure()
    if not KEEP_DATABASE or not database_exists(database):
        admin_sql(f'CREATE DATABASE "{database}"')
    try:
        import django

        django.setup()
        from django.core.wsgi import get_wsgi_application

        cities = prepare()
        application = get_wsgi_application()
        print(f"==> {ROUNDS} rounds of {REQUESTS} requests; solving proofs of work")
        answers = proofs(REQUESTS * ROUNDS + 600)
        results: dict[str, list[tuple[float, float]]] = {"insert": [], "sign": []}
        # Warm up both (imports, connections, templates), then alternate.
        answers.reverse()  # each answer is taken once, from the end
        for mode in results:
            run(application, requests_for(mode, cities, take(answers, mode, 200), 200))
        for _round in range(ROUNDS):
            for mode in results:
                batch = requests_for(mode, cities, take(answers, mode, REQUESTS))
                results[mode].append(run(application, batch))
        if os.environ.get("BENCH_PROFILE"):  # "cumulative" or "tottime"
            profile(
                application,
                requests_for("sign", cities, take(answers, "sign", 300), 300),
            )
        trips = {
            mode: count_round_trips(
                application, requests_for(mode, cities, take(answers, mode, 100), 100)
            )
            for mode in results
        }
        print()
        print("| request | CPU ms (best) | CPU ms (median) | wall ms | SQL | Redis |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        best = {}
        for mode, figures in results.items():
            best[mode] = min(cpu for cpu, _wall in figures)
            median = statistics.median(cpu for cpu, _wall in figures)
            wall = min(wall for _cpu, wall in figures)
            sql, commands = trips[mode]
            print(
                f"| {mode} | {best[mode]:.3f} | {median:.3f} | {wall:.3f} "
                f"| {sql:.1f} | {commands:.1f} |"
            )
        print()
        print(f"sign / insert, CPU: {best['sign'] / best['insert']:.2f}")
        forget_cache_keys()
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        if not KEEP_DATABASE:
            admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())

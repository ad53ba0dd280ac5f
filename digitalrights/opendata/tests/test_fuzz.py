"""Fuzz every operation of the live OpenAPI description with schemathesis.

Fails on any 5xx, any answer that does not match its schema, any status
code or content type the description does not list, and any invalid input
accepted.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _calls_inside_the_test_transaction(settings):
    """Keep the test's database connection open across the WSGI calls, as
    Django's test client does, and lift the rate limit."""
    settings.API_RATE_LIMIT = "1000000/m"
    cache.clear()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Parameters that take any text: on the wire a number is text too.
TEXT_PARAMETERS = {"topic", "name", "cursor"}


def _not_text(value: object) -> bool:
    return isinstance(value, bool | int | float)


def _takes_many(ctx, name: str) -> bool:
    """Return whether the operation's query parameter ``name`` is a list."""
    operation = getattr(ctx, "operation", None)
    if operation is None:
        return False
    for parameter in operation.definition.raw.get("parameters", []):
        if parameter.get("in") == "query" and parameter.get("name") == name:
            schema = parameter.get("schema", {})
            kinds = [schema, *schema.get("anyOf", [])]
            return any(kind.get("type") == "array" for kind in kinds)
    return False


def filter_query(ctx, query) -> bool:
    """Leave out queries that are invalid only before they are sent.

    A query string holds words: ``True`` is sent as ``true``, ``0`` as
    ``0``, and a text parameter (a topic's slug) rightly takes both, so
    schemathesis's negative cases of that kind are valid requests; it would
    report them as invalid data accepted. No parameter of the API is a
    boolean. Likewise one word for a repeatable parameter (``topic=false``,
    "not an array") is on the wire a list of one: the list cases cover it.
    """
    for name, value in (query or {}).items():
        if not isinstance(value, list) and _takes_many(ctx, name):
            return False
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, bool) for item in values):
            return False
        if name in TEXT_PARAMETERS and any(_not_text(item) for item in values):
            return False
    return True


@pytest.mark.django_db
@schema.hooks.apply(filter_query)
@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_survives_any_input(case):
    # Plain bodies: the WSGI client does not decompress (gzip is tested
    # apart). A value the schema allows may still be wrong (a made-up
    # pagination cursor): refusing it with a 400 problem is right, so that
    # one check is left out; every other check of schemathesis runs.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[positive_data_acceptance],
    )

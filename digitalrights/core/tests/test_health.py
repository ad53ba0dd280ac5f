import time
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_quickly(client):
    client.get("/healthz")
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        response = client.get("/healthz")
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
        assert response.json()["database"] == "ok"
        assert response.json()["cache"] == "ok"
    assert sorted(timings)[18] < 0.050


def test_healthz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            # Nothing listens on port 1: the connection is refused at once.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch(
        "digitalrights.core.views.connection.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]

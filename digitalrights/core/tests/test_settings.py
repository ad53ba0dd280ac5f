import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAFE = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "k" * 20 + "9f8a7s6d5f4g3h2j1k0l9z8x7c6v5b4n3m2q",
    "ALLOWED_HOSTS": "cities.example.org",
    "SITE_URL": "https://cities.example.org",
    "PERSONAL_DATA_HASH_KEYS": "h" * 40,
    # Two keys: the current one, and an older one kept during rotation.
    "PERSONAL_DATA_ENCRYPTION_KEYS": (
        "pZ2T0Vq8o3b0f6n5Y1m0u7d3e9r2k4s6w8y0a1c3e5g=,"
        "3q2-7wEXAMPLEkeyFORtestsONLYxxxxxxxxxxxxxxx="
    ),
}


def _setup(**overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(SAFE, **overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "digitalrights.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_starts_with_safe_settings():
    result = _setup()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 50}, "SECRET_KEY must be set"),
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must list"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list"),
        ({"SITE_URL": "http://cities.example.org"}, "SITE_URL must be an https"),
        ({"DJANGO_ENV": "staging"}, "DJANGO_ENV must be"),
        ({"PERSONAL_DATA_HASH_KEYS": ""}, "PERSONAL_DATA_HASH_KEYS must list"),
        ({"PERSONAL_DATA_HASH_KEYS": "short"}, "PERSONAL_DATA_HASH_KEYS must list"),
        ({"PERSONAL_DATA_ENCRYPTION_KEYS": ""}, "PERSONAL_DATA_ENCRYPTION_KEYS"),
        (
            {"PERSONAL_DATA_ENCRYPTION_KEYS": "not-a-fernet-key"},
            "PERSONAL_DATA_ENCRYPTION_KEYS must list Fernet keys",
        ),
    ],
)
def test_production_refuses_to_start_with_an_unsafe_setting(overrides, message):
    result = _setup(**overrides)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("url", "folder"),
    [
        ("filemail:///srv/cdr-outbox", "/srv/cdr-outbox"),
        ("filemail://var/outbox", str(ROOT / "var" / "outbox")),
    ],
)
def test_the_outbox_folder_is_where_the_address_says(url, folder):
    """django-environ alone turned filemail:///tmp/x into the relative tmp/x."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.EMAIL_FILE_PATH)",
        ],
        cwd="/",
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ENV"},
            "EMAIL_URL": url,
            "DJANGO_SETTINGS_MODULE": "digitalrights.settings",
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == folder, result.stderr


def test_search_url_names_an_opensearch_server():
    code = (
        "import django; django.setup(); from django.conf import settings;"
        " b = settings.WAGTAILSEARCH_BACKENDS['default'];"
        " print(b['BACKEND'], b['URLS'][0])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(SAFE, SEARCH_URL="opensearch2+https://search.internal:9200")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "digitalrights.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "wagtail.search.backends.opensearch2",
        "https://search.internal:9200",
    ], result.stderr

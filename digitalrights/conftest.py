import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from digitalrights.core import local


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give every test the demo site: pages in five languages and members."""
    with django_db_blocker.unblock():
        call_command("demo_load", quick=True, no_staff=True, verbosity=0)


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in English: a request in another language leaves its
    language active in the thread, and reverse() would then follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Start each test with an empty cache: rolled-back rows send no signal.

    What processes keep in their own memory (digitalrights.core.local) is
    forgotten too.
    """
    cache.clear()
    local.forget()
    yield
    cache.clear()
    local.forget()

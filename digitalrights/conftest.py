import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give every test the demo site: pages in five languages and members."""
    with django_db_blocker.unblock():
        call_command("demo_load", quick=True, no_staff=True, verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Start each test with an empty cache: rolled-back rows send no signal."""
    cache.clear()
    yield
    cache.clear()

"""The navigation on every page: built once per generation, not per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_the_site_is_looked_up_once_per_generation_of_the_page_cache(client):
    client.cookies["sessionid"] = "signed-in"  # past the page cache
    client.get("/en/search/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/search/")
    assert not any("wagtailcore_site" in q["sql"] for q in queries)


def test_a_change_to_a_menu_page_shows_on_the_next_page(client):
    client.cookies["sessionid"] = "signed-in"
    site = Site.objects.get(is_default_site=True)
    child = site.root_page.get_children().live().filter(show_in_menus=True).first()
    child = child.specific
    assert child.title in client.get("/en/search/").content.decode()
    child.title = "A renamed menu page"
    child.save_revision().publish()
    assert "A renamed menu page" in client.get("/en/search/").content.decode()

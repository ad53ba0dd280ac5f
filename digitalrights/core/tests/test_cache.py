import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digitalrights.cities.models import City
from digitalrights.cities.tests.factories import MemberFactory
from digitalrights.content.models import PrinciplePage

pytestmark = pytest.mark.django_db


def test_second_anonymous_view_is_served_without_the_database(
    client, django_assert_num_queries
):
    first = client.get("/en/declaration/")
    with django_assert_num_queries(0):
        second = client.get("/en/declaration/")
    assert second.status_code == 200
    assert second.content == first.content


def test_publishing_a_page_retires_the_cached_copy(client):
    client.get("/en/declaration/")
    principle = PrinciplePage.objects.get(locale__language_code="en", number=2)
    principle.title = "Privacy, renamed for the test"
    principle.save_revision().publish()
    assert (
        "Privacy, renamed for the test"
        in client.get("/en/declaration/").content.decode()
    )


def test_a_new_member_appears_at_once_on_the_cached_directory(client):
    before = client.get("/en/cities/").content.decode()
    member = MemberFactory(city__name="Freshly Joined")
    after = client.get("/en/cities/").content.decode()
    assert "Freshly Joined" not in before
    assert member.name in after


def _queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def test_signed_in_visitors_bypass_the_cache(client):
    client.get("/en/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    assert _queries_for(client, "/en/") > 0
    assert _queries_for(client, "/en/") > 0


def test_cached_page_answers_a_matching_etag_with_304(client):
    first = client.get("/en/")
    etag = first["ETag"]
    second = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 304


def test_cached_pages_tell_browsers_to_revalidate(client):
    response = client.get("/en/")
    assert "no-cache" in response["Cache-Control"]


def test_not_found_answers_are_not_cached(client):
    client.get("/en/no-such-page/")
    assert _queries_for(client, "/en/no-such-page/") > 0


def test_pages_refuse_a_post(client):
    city = City.objects.get(geonameid=2759794)
    assert client.post(city.get_absolute_url()).status_code == 405
    assert client.post("/en/cities/", {"country": "NL"}).status_code == 405


def test_cached_pages_are_kept_compressed(client, monkeypatch):
    import gzip

    from digitalrights.core import compression

    calls = []

    def counting_compress(*args, **kwargs):
        calls.append(1)
        return compress(*args, **kwargs)

    compress = compression.compress
    monkeypatch.setattr(compression, "compress", counting_compress)
    first = client.get("/en/declaration/", headers={"accept-encoding": "gzip"})
    second = client.get("/en/declaration/", headers={"accept-encoding": "gzip"})
    plain = client.get("/en/declaration/")
    assert calls == [1], "a cached page was compressed again"
    assert second["Content-Encoding"] == "gzip"
    assert gzip.decompress(second.content) == gzip.decompress(first.content)
    assert not plain.has_header("Content-Encoding")
    assert plain.content == gzip.decompress(second.content)


def test_cached_page_answers_if_modified_since_when_it_says_when_it_changed(client, rf):
    from django.http import HttpResponse

    from digitalrights.core.cache import PageCacheMiddleware

    def page(request):
        response = HttpResponse("Changed once.")
        response["Last-Modified"] = "Tue, 01 Dec 2026 10:00:00 GMT"
        response["ETag"] = '"v1"'
        return response

    middleware = PageCacheMiddleware(page)
    assert middleware(rf.get("/en/changed/")).status_code == 200
    cached = middleware(
        rf.get("/en/changed/", HTTP_IF_MODIFIED_SINCE="Tue, 01 Dec 2026 10:00:00 GMT")
    )
    assert cached.status_code == 304
    assert cached["Last-Modified"] == "Tue, 01 Dec 2026 10:00:00 GMT"
    older = middleware(
        rf.get("/en/changed/", HTTP_IF_MODIFIED_SINCE="Mon, 30 Nov 2026 10:00:00 GMT")
    )
    assert older.status_code == 200
    assert older.content == b"Changed once."
    # An ETag that does not match wins over the date, as RFC 9110 says.
    assert (
        middleware(
            rf.get(
                "/en/changed/",
                HTTP_IF_NONE_MATCH='"v0"',
                HTTP_IF_MODIFIED_SINCE="Tue, 01 Dec 2026 10:00:00 GMT",
            )
        ).status_code
        == 200
    )


def test_an_emptied_cache_never_gives_an_old_generation_again():
    """Processes keep the navigation per generation: a flush must not reuse one."""
    from django.core.cache import cache

    from digitalrights.core.cache import page_cache_clear, page_cache_generation

    first = page_cache_generation()
    page_cache_clear()
    second = page_cache_generation()
    assert second == first + 1
    cache.clear()
    assert page_cache_generation() not in (first, second)

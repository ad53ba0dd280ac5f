import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import timezone

from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic
from digitalrights.toolkit.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
AMSTERDAM = 2759794
FEED = "/en/toolkit/feed/"


def _entries(response) -> tuple[ET.Element, list[ET.Element]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def _titles(entries) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in entries]


def _newest(**fields) -> Resource:
    """Make a resource newer than every other, so it leads the feeds."""
    later = timezone.now() + datetime.timedelta(days=1 + Resource.objects.count())
    return ResourceFactory(created_at=later, **fields)


def test_feed_lists_new_published_resources_newest_first(client):
    older = _newest(title="Older resource")
    newer = _newest(
        title="Newer resource",
        summary="Line one.\n\nLine two.",
        topics=[Topic.objects.get(slug="privacy")],
    )
    _newest(title="Hidden resource", live=False)
    root, entries = _entries(client.get(FEED))
    titles = _titles(entries)
    assert titles[:2] == ["Newer resource (Guideline)", "Older resource (Guideline)"]
    assert not any("Hidden" in title for title in titles)
    assert (
        root.findtext(f"{ATOM}title")
        == "New in the toolkit · Cities for Digital Rights"
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://testserver/en/toolkit/feed/"

    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == (
        f"http://testserver{newer.get_absolute_url()}"
    )
    assert entry.findtext(f"{ATOM}summary") == "<p>Line one.</p>\n\n<p>Line two.</p>"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Test Organisation"
    terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert terms == {"Privacy, data protection and security", "Privacy"}
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert older.pk != newer.pk


def test_feed_speaks_the_visitors_language(client):
    _newest(title="Recurso", topics=[Topic.objects.get(slug="privacy")])
    root, entries = _entries(client.get("/es/toolkit/feed/"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    terms = {c.get("term") for c in entries[0].findall(f"{ATOM}category")}
    assert "Privacidad" in terms
    assert (
        entries[0]
        .find(f"{ATOM}link")
        .get("href")
        .startswith("http://testserver/es/toolkit/")
    )


def test_feed_keeps_the_latest_fifty(client):
    for n in range(52):
        _newest(title=f"Bulk {n}")
    _root, entries = _entries(client.get(FEED))
    assert len(entries) == 50
    assert _titles(entries)[0] == "Bulk 51 (Guideline)"


def test_principle_feed_lists_only_that_principles_resources(client):
    access = Principle.objects.get(number=1)
    _newest(title="Broadband clause", principles=[access])
    _newest(title="Privacy guide")  # principle 2
    root, entries = _entries(client.get("/en/toolkit/feed/principle/1/"))
    titles = _titles(entries)
    assert "Broadband clause (Guideline)" in titles
    assert "Privacy guide (Guideline)" not in titles
    assert all(
        "Universal and equal access to the internet, and digital literacy"
        in {c.get("term") for c in entry.findall(f"{ATOM}category")}
        for entry in entries
    )
    assert root.findtext(f"{ATOM}title") == (
        "New in the toolkit for principle 1: Universal and equal access to the"
        " internet, and digital literacy"
    )
    # The feed's page is the principle's page.
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate.startswith("http://testserver/en/")
    assert client.get(alternate.removeprefix("http://testserver")).status_code == 200


def test_city_feed_lists_only_that_citys_resources(client):
    amsterdam = City.objects.get(geonameid=AMSTERDAM)
    _newest(title="Amsterdam template", source_city=amsterdam)
    _newest(title="Elsewhere template")
    root, entries = _entries(client.get(f"/en/toolkit/feed/city/{AMSTERDAM}/"))
    titles = _titles(entries)
    assert "Amsterdam template (Guideline)" in titles
    assert "Elsewhere template (Guideline)" not in titles
    assert root.findtext(f"{ATOM}title") == "New in the toolkit from Amsterdam"
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == f"http://testserver{amsterdam.get_absolute_url()}"


def test_a_city_with_nothing_yet_has_an_empty_feed(client):
    vienna = City.objects.get(geonameid=2761369)
    _root, entries = _entries(client.get(f"/en/toolkit/feed/city/{vienna.geonameid}/"))
    assert entries == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/toolkit/feed/principle/0/",
        "/en/toolkit/feed/principle/6/",
        "/en/toolkit/feed/principle/32768/",
        "/en/toolkit/feed/principle/99999999999999999999999999/",
        "/en/toolkit/feed/principle/-1/",
        "/en/toolkit/feed/principle/abc/",
        "/en/toolkit/feed/principle/%00/",
        "/en/toolkit/feed/principle/1%00/",
        "/en/toolkit/feed/city/1/",
        "/en/toolkit/feed/city/0/",
        "/en/toolkit/feed/city/2147483648/",
        "/en/toolkit/feed/city/99999999999999999999999999/",
        "/en/toolkit/feed/city/amsterdam/",
        "/en/toolkit/feed/city/%3Cscript%3E/",
        "/en/toolkit/feed/nothing/",
    ],
)
def test_unknown_feeds_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_feeds_only_read(client):
    assert client.post(FEED).status_code == 405


def test_hostile_text_cannot_break_the_feed_or_run_in_a_reader(client):
    _newest(
        title="Bad\x0b title\x1f </title><script>alert(1)</script>",
        summary='<img src=x onerror="alert(1)"> & more',
        source_organisation="Evil\x08 Org",
    )
    _root, entries = _entries(client.get(FEED))
    entry = entries[0]
    assert entry.findtext(f"{ATOM}title") == (
        "Bad title </title><script>alert(1)</script> (Guideline)"
    )
    # Readers render the summary as HTML: what was typed stays text.
    assert entry.findtext(f"{ATOM}summary") == (
        "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more</p>"
    )
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Evil Org"


def test_feed_queries_do_not_grow_with_resources(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    amsterdam = City.objects.get(geonameid=AMSTERDAM)
    privacy = Topic.objects.get(slug="privacy")
    _newest(source_city=amsterdam, topics=[privacy])
    cache.clear()
    with django_assert_max_num_queries(20) as few:
        client.get(f"/en/toolkit/feed/city/{AMSTERDAM}/")
    for _n in range(10):
        _newest(
            source_city=amsterdam,
            principles=list(Principle.objects.all()),
            topics=list(Topic.objects.all()),
        )
    cache.clear()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(f"/en/toolkit/feed/city/{AMSTERDAM}/")
    published = Resource.objects.published().filter(source_city=amsterdam)
    assert len(_entries(response)[1]) == published.count() >= 11


def test_principle_and_city_feeds_leave_out_unpublished_resources(client):
    amsterdam = City.objects.get(geonameid=AMSTERDAM)
    _newest(title="Shared clause", source_city=amsterdam)
    _newest(title="Draft clause", source_city=amsterdam, live=False)
    for address in (
        "/en/toolkit/feed/principle/2/",
        f"/en/toolkit/feed/city/{AMSTERDAM}/",
    ):
        titles = _titles(_entries(client.get(address))[1])
        assert "Shared clause (Guideline)" in titles
        assert "Draft clause (Guideline)" not in titles


def test_unpublishing_takes_a_resource_out_of_the_feed(client):
    resource = _newest(title="Withdrawn guide")
    assert "Withdrawn guide (Guideline)" in _titles(_entries(client.get(FEED))[1])
    resource.live = False
    resource.save()
    assert "Withdrawn guide (Guideline)" not in _titles(_entries(client.get(FEED))[1])

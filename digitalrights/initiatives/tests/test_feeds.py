"""The Atom feeds: valid, only published initiatives, the latest 50, and 404s."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.initiatives.models import Initiative

from .factories import InitiativeFactory, member_city, published, topic_id

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = reverse("initiatives:feed")


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    found = root.findall(f"{ATOM}entry")
    for entry in found:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return found


def titles(response) -> list[str]:
    return [e.find(f"{ATOM}title").text for e in entries(response)]


def test_the_feed_has_only_published_initiatives_newest_first(client):
    now = timezone.now()
    older = published(title="Older one")
    Initiative.objects.filter(pk=older.pk).update(
        published_at=now - timezone.timedelta(days=1)
    )
    newer = published(title="Newer one", principles=[2], topics=[topic_id("ai")])
    for state in ("draft", "submitted", "changes", "declined"):
        InitiativeFactory(state=state, title=f"Not public: {state}")
    response = client.get(FEED)
    found = titles(response)
    assert found.index("Newer one") < found.index("Older one")
    assert not any(title.startswith("Not public") for title in found)
    [entry] = [
        e for e in entries(response) if e.find(f"{ATOM}title").text == "Newer one"
    ]
    assert entry.find(f"{ATOM}link").get("href").endswith(newer.get_absolute_url())
    assert entry.find(f"{ATOM}author/{ATOM}name").text == newer.city.name
    terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert {"Privacy, data protection and security", "Artificial intelligence"} <= terms


def test_the_feed_keeps_the_latest_fifty(client):
    city = member_city()
    for _ in range(52):
        published(city=city)
    assert len(entries(client.get(FEED))) == 50
    city_feed = reverse("initiatives:feed_city", args=[city.geonameid])
    assert len(entries(client.get(city_feed))) == 50


def test_the_principle_feed_has_only_that_principle(client):
    published(title="For access", principles=[1])
    published(title="For privacy", principles=[2, 5])
    found = titles(client.get(reverse("initiatives:feed_principle", args=[2])))
    assert "For privacy" in found and "For access" not in found
    assert "For privacy" in titles(
        client.get(reverse("initiatives:feed_principle", args=[5]))
    )


def test_the_city_feed_has_only_that_city(client):
    city = member_city()
    published(city=city, title="Ours")
    published(title="Theirs")
    found = titles(client.get(reverse("initiatives:feed_city", args=[city.geonameid])))
    assert found == ["Ours"]
    # Any city of the gazetteer has a feed, empty until it publishes.
    empty = client.get(reverse("initiatives:feed_city", args=[CityFactory().geonameid]))
    assert entries(empty) == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/initiatives/feed/principle/0/",
        "/en/initiatives/feed/principle/6/",
        "/en/initiatives/feed/principle/99999999999999999999/",
        "/en/initiatives/feed/principle/x/",
        "/en/initiatives/feed/city/1/",
        "/en/initiatives/feed/city/99999999999999999999/",
        "/en/initiatives/feed/city/abc/",
    ],
)
def test_unknown_principles_and_cities_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_feeds_answer_only_reading(client):
    assert client.post(FEED).status_code == 405


def test_hostile_text_stays_text_in_the_feed(client):
    published(title="<script>alert(1)</script> & more", summary="]]> <b>bold</b>")
    response = client.get(FEED)
    assert "<script>alert(1)</script> & more" in titles(response)
    assert b"<script>" not in response.content


def test_the_feed_takes_the_same_queries_however_many_initiatives(
    client, django_assert_max_num_queries
):
    published(topics=[topic_id("ai")])
    with django_assert_max_num_queries(20) as few:
        client.get(FEED)
    for _ in range(10):
        published(topics=[topic_id("ai"), topic_id("privacy")], principles=[1, 3])
    client.cookies.clear()
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(entries(client.get(FEED))) >= 11


def test_typed_control_characters_and_markup_cannot_break_the_feed(client):
    published(
        title="Wifi\x0c for all",
        summary="<script>alert(1)</script>\x0b and more.",
    )
    found = entries(client.get(FEED))
    entry = next(e for e in found if "Wifi" in e.find(f"{ATOM}title").text)
    summary = entry.find(f"{ATOM}summary").text
    assert "<script>" not in summary and "&lt;script&gt;" in summary
    assert entry.find(f"{ATOM}title").text == "Wifi for all"

"""``/api/v1/initiatives/``: only published ones, like the directory, fast."""

import base64
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from digitalrights.initiatives import services
from digitalrights.initiatives.models import ModerationState
from digitalrights.initiatives.services import ImageData, LinkData
from digitalrights.initiatives.tests.factories import (
    InitiativeFactory,
    initiative_data,
    member_city,
    png,
    published,
    topic_id,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/initiatives/"


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["results"]]


def rich(city=None, **changes):
    """Publish an initiative with everything an answer shows."""
    data = {
        "principles": [1, 2],
        "topics": [topic_id("broadband"), topic_id("privacy")],
        "contact": "Digital Office",
        "contact_email": "digital@city.example.org",
        "code_url": "https://git.city.example.org/wifi",
        "licence": "EUPL-1.2",
        "links": [LinkData(url="https://city.example.org/wifi", label="Project")],
        "images": [ImageData(upload=png(), alt="Residents online", caption="Photo")],
    } | changes
    return services.initiative_import(
        geonameid=(city or member_city()).geonameid, data=initiative_data(**data)
    )


def test_an_initiative_says_all_its_public_page_says_in_the_language_asked(client):
    initiative = rich()
    body = client.get(f"{URL}{initiative.pk}", {"lang": "fr"}).json()
    assert body["id"] == initiative.pk
    assert body["title"] == "Free Wi-Fi in public housing"
    assert body["body"].startswith("We connected 3,000 homes.\n\n")
    assert body["language"] == "en"
    assert (body["status"], body["status_label"]) == ("running", "En cours")
    assert body["principles"] == [1, 2]
    assert {"slug": "broadband", "label": "Haut débit"} in body["topics"]
    assert body["city"]["geonameid"] == initiative.city.geonameid
    assert body["city"]["url"].startswith("http://127.0.0.1:8000/fr/cities/")
    assert body["url"] == (
        f"http://127.0.0.1:8000/fr/initiatives/{initiative.pk}-{initiative.slug}/"
    )
    assert body["contact"] == "Digital Office"
    assert body["contact_email"] == "digital@city.example.org"
    assert (body["code_url"], body["licence"]) == (
        "https://git.city.example.org/wifi",
        "EUPL-1.2",
    )
    assert body["links"] == [
        {"url": "https://city.example.org/wifi", "label": "Project"}
    ]
    [picture] = body["images"]
    assert picture["alt"] == "Residents online" and picture["caption"] == "Photo"
    # The rendition the page shows, never the original upload.
    assert picture["url"].endswith(".webp")
    assert "/original_images/" not in picture["url"]
    assert "created_by" not in body and "state" not in body


def test_absent_code_licence_and_contact_are_null(client):
    initiative = published()
    body = client.get(f"{URL}{initiative.pk}").json()
    assert body["code_url"] is None and body["licence"] is None
    assert body["contact"] is None and body["contact_email"] is None
    assert body["images"] == [] and body["links"] == []


@pytest.mark.parametrize(
    "state",
    [
        ModerationState.DRAFT,
        ModerationState.SUBMITTED,
        ModerationState.CHANGES_REQUESTED,
        ModerationState.DECLINED,
    ],
)
def test_an_initiative_not_published_is_never_listed_nor_found(client, state):
    city = member_city()
    hidden = InitiativeFactory(city=city, state=state, published_at=timezone.now())
    shown = published(city=city)
    listed = client.get(URL, {"city": city.geonameid}).json()
    assert ids(listed) == [shown.pk]
    missing = client.get(f"{URL}{hidden.pk}")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_an_unpublished_initiative_leaves_the_list(client):
    city = member_city()
    initiative = published(city=city)
    assert ids(client.get(URL, {"city": city.geonameid}).json()) == [initiative.pk]
    initiative.state = ModerationState.CHANGES_REQUESTED
    initiative.save(update_fields=["state"])
    assert ids(client.get(URL, {"city": city.geonameid}).json()) == []
    assert client.get(f"{URL}{initiative.pk}").status_code == 404


def test_the_cursor_walks_every_initiative_once_even_when_dates_are_equal(client):
    city = member_city()
    same = timezone.now() - timedelta(days=1)
    made = [published(city=city) for _ in range(5)]
    for initiative in made[:3]:
        initiative.published_at = same
        initiative.save(update_fields=["published_at"])
    seen, url, params = [], URL, {"city": city.geonameid, "page_size": 2}
    while url:
        body = client.get(url, params).json()
        seen += ids(body)
        url, params = body["next"], None
        assert len(seen) <= 5
    expected = sorted(made, key=lambda i: (i.published_at, i.pk), reverse=True)
    assert seen == [i.pk for i in expected]


def test_a_new_initiative_does_not_shift_the_pages_being_walked(client):
    city = member_city()
    first = [published(city=city) for _ in range(3)]
    page = client.get(URL, {"city": city.geonameid, "page_size": 2}).json()
    published(city=city)  # newer than all: before the cursor, never after it
    rest = client.get(page["next"]).json()
    assert ids(page) + ids(rest) == [i.pk for i in reversed(first)]


def test_oldest_and_title_orders(client):
    city = member_city()
    b = published(city=city, title="Bravo")
    a = published(city=city, title="Alpha")
    c = published(city=city, title="Charlie")
    oldest = client.get(URL, {"city": city.geonameid, "sort": "oldest"}).json()
    assert ids(oldest) == [b.pk, a.pk, c.pk]
    by_title = client.get(
        URL, {"city": city.geonameid, "sort": "title", "page_size": 1}
    ).json()
    second = client.get(by_title["next"]).json()
    assert ids(by_title) + ids(second) == [a.pk, b.pk]


def test_filters_read_like_the_directory_s_address(client):
    city, other = member_city(), member_city()
    running = published(
        city=city, status="running", language="es", topics=[topic_id("broadband")]
    )
    planned = published(city=other, status="planned", principles=[1, 5])
    mine = {running.pk, planned.pk}

    def found(**query) -> set[int]:
        body = client.get(URL, {"page_size": 100, **query}).json()
        return set(ids(body)) & mine

    assert found(status="running") == {running.pk}
    assert found(status=["running", "planned"]) == mine
    assert found(principle=5) == {planned.pk}
    assert found(principle=[3, 5]) == mine
    assert found(topic="broadband") == {running.pk}
    assert found(language="es") == {running.pk}
    assert found(city=other.geonameid) == {planned.pk}
    assert found(country=city.country_code.lower(), city=city.geonameid) == {running.pk}
    assert found(status="planned", principle=3) == set()


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "no-such-topic"},
        {"country": "ZZ"},
        {"city": "1"},
        {"principle": "4", "city": "1"},
    ],
)
def test_a_value_nothing_is_filed_under_gives_an_empty_list(client, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response.json() == {"next": None, "results": []}


def _cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


@pytest.mark.parametrize(
    "query",
    [
        {"principle": "9"},
        {"principle": "two"},
        {"status": "finished"},
        {"language": "xx"},
        {"country": "Netherlands"},
        {"city": "0"},
        {"city": "99999999999999999999"},
        {"topic": "'; DROP TABLE initiatives_initiative; --"},
        {"topic": "données"},
        {"topic": "\x00"},
        {"principle": ["1"] * 51},
        {"sort": "popular"},
        {"lang": "de"},
        {"page_size": "0"},
        {"page_size": "100000"},
        {"page_size": "1e9"},
        {"cursor": "not a cursor"},
        {"cursor": "x" * 601},
        {"cursor": _cursor(["oldest", "2024-01-01T00:00:00+00:00", 1])},
        {"cursor": _cursor(["newest", "yesterday", 1])},
        {"cursor": _cursor(["newest", "2024-01-01T00:00:00", 1])},
        {"cursor": _cursor(["newest", "0001-01-01T00:00:00+05:00", 1])},
        {"cursor": _cursor(["newest", "2024-01-01T00:00:00+00:00", 2**40])},
        {"cursor": _cursor(["newest", "2024-01-01T00:00:00+00:00", "1"])},
        {"cursor": _cursor(["title", "\x00", 1]), "sort": "title"},
        {"cursor": _cursor({"p": 1})},
        {"cursor": "🙂"},
    ],
)
def test_hostile_input_is_a_problem_document_never_a_crash(client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]


@pytest.mark.parametrize("path", ["0", "-1", "abc", "99999999999999999999", "1.5"])
def test_a_hostile_id_is_a_problem_document(client, path):
    response = client.get(f"{URL}{path}")
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


def test_a_list_page_takes_the_same_queries_however_many_and_rich(
    client, django_assert_max_num_queries
):
    city = member_city()
    rich(city=city)
    query = {"city": city.geonameid, "page_size": 100}
    with CaptureQueriesContext(connection) as few:
        assert len(ids(client.get(URL, query).json())) == 1
    for number in range(8):
        rich(
            city=city,
            principles=[1, 2, 3, 4, 5],
            topics=[topic_id(s) for s in ("ai", "privacy", "broadband")],
            links=[LinkData(url=f"https://city.example.org/{n}") for n in range(4)],
            images=[ImageData(upload=png(), alt=f"Picture {n}") for n in range(2)],
            title=f"Initiative {number}",
        )
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(URL, query).json()
    assert len(ids(body)) == 9
    assert sum(len(item["images"]) for item in body["results"]) == 17


def test_one_initiative_can_be_revalidated_by_date_and_by_etag(client):
    initiative = published()
    url = f"{URL}{initiative.pk}"
    response = client.get(url)
    assert response["Last-Modified"] == http_date(initiative.updated_at.timestamp())
    assert "public" in response["Cache-Control"]
    cache.clear()
    later = client.get(url, headers={"If-Modified-Since": response["Last-Modified"]})
    assert later.status_code == 304
    cache.clear()
    earlier = http_date((initiative.updated_at - timedelta(days=1)).timestamp())
    assert client.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_next_keeps_the_filters_and_the_language(client):
    city = member_city()
    published(city=city)
    published(city=city)
    body = client.get(
        URL, {"city": city.geonameid, "page_size": 1, "lang": "es"}
    ).json()
    query = parse_qs(urlsplit(body["next"]).query)
    assert query["city"] == [str(city.geonameid)]
    assert query["lang"] == ["es"] and query["page_size"] == ["1"]
    assert "cursor" in query


def test_the_openapi_description_lists_the_initiatives(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/initiatives/" in paths
    assert "/api/v1/initiatives/{id}" in paths
    parameters = {p["name"] for p in paths["/api/v1/initiatives/"]["get"]["parameters"]}
    assert {"principle", "topic", "status", "language", "country", "city"} <= (
        parameters
    )

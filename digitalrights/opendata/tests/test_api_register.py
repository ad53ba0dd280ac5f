"""``/api/v1/register/``: member cities' published register entries."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from digitalrights.register.models import AlgorithmEntry, EntryState
from digitalrights.register.tests.factories import (
    AlgorithmEntryFactory,
    member_city,
    published,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/register/"


@pytest.fixture(autouse=True)
def _no_demo_entries():
    """Each test counts its own entries, not the demo's."""
    AlgorithmEntry.objects.all().delete()


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["results"]]


def test_an_entry_says_what_its_page_says(client):
    entry = published(
        title="Parking scan car",
        risk="high",
        uses_personal_data=True,
        code_url="https://code.example.org/scan",
        contact_email="parking@city.example.org",
    )
    body = client.get(URL).json()
    assert body["next"] is None
    [answer] = body["results"]
    assert answer["id"] == entry.pk
    assert answer["title"] == "Parking scan car"
    assert answer["risk"] == "high"
    assert answer["risk_label"] == "High risk"
    assert answer["status_label"] == "In use"
    assert answer["uses_personal_data"] is True
    assert answer["code_url"] == "https://code.example.org/scan"
    assert answer["supplier"] is None
    assert answer["city"]["geonameid"] == entry.city.geonameid
    assert answer["url"].endswith(entry.get_absolute_url())
    assert client.get(answer["url"].split("8000", 1)[1]).status_code == 200
    one = client.get(f"{URL}{entry.pk}").json()
    assert one == answer


def test_labels_and_addresses_follow_the_language(client):
    entry = published(risk="limited")
    [answer] = client.get(URL, {"lang": "fr"}).json()["results"]
    assert answer["url"].split("8000", 1)[1].startswith("/fr/")
    assert answer["risk_label"] != "Limited risk"
    assert client.get(f"{URL}{entry.pk}", {"lang": "fr"}).json() == answer


def test_a_draft_is_never_listed_nor_found(client):
    draft = AlgorithmEntryFactory(state=EntryState.DRAFT)
    withdrawn = published()
    withdrawn.state = EntryState.DRAFT
    withdrawn.save()
    assert ids(client.get(URL).json()) == []
    for entry in (draft, withdrawn):
        response = client.get(f"{URL}{entry.pk}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_facets_combine_like_the_register_s_address_and_pages_follow(client):
    here, there = member_city(), member_city()
    now = timezone.now()
    high = published(city=here, risk="high", status="in_use")
    piloting = published(city=here, risk="limited", status="piloting")
    elsewhere = published(city=there, risk="high", status="in_use")
    for age, entry in enumerate((high, piloting, elsewhere)):
        entry.published_at = now - datetime.timedelta(days=age)
        entry.save()
    assert ids(client.get(URL, {"city": here.geonameid}).json()) == [
        high.pk,
        piloting.pk,
    ]
    assert ids(client.get(URL, {"risk": "high"}).json()) == [high.pk, elsewhere.pk]
    both = {"city": here.geonameid, "risk": "high"}
    assert ids(client.get(URL, both).json()) == [high.pk]
    statuses = f"?status=in_use&status=piloting&city={here.geonameid}"
    assert ids(client.get(URL + statuses).json()) == [high.pk, piloting.pk]
    country = {"country": there.country_code.lower(), "city": there.geonameid}
    assert ids(client.get(URL, country).json()) == [elsewhere.pk]
    first = client.get(URL, {"page_size": 2}).json()
    assert ids(first) == [high.pk, piloting.pk]
    following = urlsplit(first["next"])
    second = client.get(f"{following.path}?{following.query}").json()
    assert ids(second) == [elsewhere.pk]
    assert second["next"] is None
    oldest = client.get(URL, {"sort": "oldest"}).json()
    assert ids(oldest) == [elsewhere.pk, piloting.pk, high.pk]


@pytest.mark.parametrize(
    "query",
    [
        {"risk": "catastrophic"},
        {"status": "<script>"},
        {"city": "-3"},
        {"city": "x"},
        {"country": "Netherlands"},
        {"page_size": "0"},
        {"page_size": "101"},
        {"cursor": "eyJ0aXRsZSI6MX0"},
        {"cursor": "WyJuZXdlc3QiLCAiMjAyNC0xMy0wMSIsIDFd"},  # month 13
        {"sort": "risk"},
        {"lang": "xx"},
    ],
)
def test_hostile_input_is_a_problem_document_never_a_crash(client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["0", "99999999999", "abc", "1%00"])
def test_a_missing_or_impossible_id_is_a_problem_document(client, path):
    response = client.get(f"{URL}{path}")
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


def test_a_list_page_takes_the_same_queries_however_many(client):
    city = member_city()
    published(city=city)
    with CaptureQueriesContext(connection) as few:
        assert len(ids(client.get(URL).json())) == 1
    for number in range(6):
        published(city=member_city() if number % 2 else city)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert len(ids(client.get(URL).json())) == 7
    assert len(many.captured_queries) == len(few.captured_queries)


def test_one_entry_can_be_revalidated_by_date(client):
    entry = published()
    url = f"{URL}{entry.pk}"
    response = client.get(url)
    assert response["Last-Modified"] == http_date(entry.updated_at.timestamp())
    cache.clear()
    later = client.get(url, headers={"If-Modified-Since": response["Last-Modified"]})
    assert later.status_code == 304

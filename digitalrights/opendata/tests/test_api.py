"""The JSON API: answers, HTTP behaviour, errors, and a fuzzer."""

from urllib.parse import unquote

import pytest
from django.core.cache import cache

from digitalrights.cities.models import City, Member

pytestmark = pytest.mark.django_db

AMSTERDAM = 2759794


def test_members_are_listed_in_join_order_with_links(client):
    response = client.get("/api/v1/members/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == Member.objects.filter(status="active").count()
    first = body["items"][0]
    assert first["joined_on"] <= body["items"][-1]["joined_on"]
    assert first["url"].startswith("http://127.0.0.1:8000/en/cities/")


@pytest.mark.parametrize("sort", ["joined_on", "-joined_on", "name", "-name"])
def test_member_pages_hold_every_member_once_in_order(client, sort):
    expected = client.get("/api/v1/members/", {"sort": sort, "limit": 1000}).json()
    pages = [
        client.get("/api/v1/members/", {"sort": sort, "limit": 2, "offset": offset})
        for offset in range(0, expected["count"], 2)
    ]
    paged = [member for page in pages for member in page.json()["items"]]
    assert paged == expected["items"]
    assert len({m["geonameid"] for m in paged}) == expected["count"]
    if sort.endswith("joined_on"):
        # Members who joined on the same day come in the order they were added.
        ids = dict(Member.objects.values_list("city__geonameid", "pk"))
        keys = [(m["joined_on"], ids[m["geonameid"]]) for m in paged]
        assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_filters_sorting_and_language(client):
    dutch = client.get("/api/v1/members/", {"country": "nl", "lang": "fr"}).json()
    assert [m["geonameid"] for m in dutch["items"]] == [AMSTERDAM]
    assert dutch["items"][0]["country"] == "Pays-Bas"
    assert dutch["items"][0]["url"].startswith("http://127.0.0.1:8000/fr/")
    by_name = client.get("/api/v1/members/", {"sort": "name", "limit": 100}).json()
    names = [m["name"] for m in by_name["items"]]
    assert names == sorted(names, key=str.casefold) or names == sorted(names)


def test_the_gazetteer_pages_with_a_cursor(client):
    first = client.get("/api/v1/cities/", {"page_size": 3}).json()
    assert len(first["results"]) == 3
    ids = [c["geonameid"] for c in first["results"]]
    assert ids == sorted(ids)
    cursor = unquote(first["next"].split("cursor=")[1].split("&")[0])
    second = client.get("/api/v1/cities/", {"page_size": 3, "cursor": cursor}).json()
    assert second["results"][0]["geonameid"] > ids[-1]
    found = client.get("/api/v1/cities/", {"name": "amster"}).json()
    assert AMSTERDAM in [c["geonameid"] for c in found["results"]]


def test_one_city_and_a_missing_one(client):
    city = client.get(f"/api/v1/cities/{AMSTERDAM}").json()
    assert city["is_member"] is True
    missing = client.get("/api/v1/cities/1")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["status"] == 404


@pytest.mark.parametrize(
    "query",
    [
        {"country": "Netherlands"},
        {"region": "XX"},
        {"year": "1900"},
        {"lang": "de"},
        {"sort": "population"},
        {"limit": "-1"},
        {"status": "<script>"},
    ],
)
def test_bad_parameters_are_problem_details(client, query):
    response = client.get("/api/v1/members/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Bad request"
    assert problem["errors"]


def test_answers_can_be_cached_and_revalidated(client):
    response = client.get("/api/v1/members/")
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    again = client.get("/api/v1/members/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    counts = client.get("/api/v1/endorsement-counts/")
    assert "max-age=2" in counts["Cache-Control"]


def test_a_client_over_its_rate_gets_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = "3/m"
    cache.clear()
    # Distinct addresses: an answer kept in the page cache costs nothing.
    url = f"/api/v1/cities/{AMSTERDAM}"
    statuses = [
        client.get(url, {"lang": code}).status_code for code in ["es", "ca", "fr"]
    ]
    assert statuses == [200, 200, 200]
    limited = client.get(url, {"lang": "nl"})
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert limited["Content-Type"] == "application/problem+json"
    assert "no-store" in limited["Cache-Control"]
    cache.clear()


def test_campaigns_show_their_progress(client):
    body = client.get("/api/v1/campaigns/").json()
    [campaign] = [c for c in body["items"] if c["slug"] == "100-cities-in-100-days"]
    assert campaign["joined"] == len(campaign["cities"])
    assert campaign["badge_url"].endswith("/badge.svg")


def test_endorsement_counts_match_the_csv(client):
    from digitalrights.endorsements.models import CityTally

    city = City.objects.get(geonameid=AMSTERDAM)
    CityTally.objects.update_or_create(city=city, defaults={"verified": 7})
    body = client.get("/api/v1/endorsement-counts/").json()
    [row] = [r for r in body["items"] if r["geonameid"] == AMSTERDAM]
    assert row["verified"] == 7
    csv = client.get("/data/endorsement-counts.csv").content.decode()
    assert f"{AMSTERDAM}," in csv


def test_the_openapi_description_is_3_1(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/members/" in schema["paths"]


def test_limit_and_offset_past_64_bits_never_reach_the_database(client):
    # PostgreSQL answers a LIMIT or OFFSET past 64 bits with an error.
    huge = "12681100355539038426315620352"
    assert client.get("/api/v1/members/", {"limit": huge}).status_code == 200
    refused = client.get("/api/v1/members/", {"offset": huge})
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"

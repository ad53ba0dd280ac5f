import csv
import io
import json

import pytest
from django.core import mail

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.endorsements.models import Endorsement
from digitalrights.endorsements.tests.factories import endorse

pytestmark = pytest.mark.django_db


def confirmed(city, count):
    for n in range(count):
        endorse(city, f"p{n}@example.org", confirm=True)


def test_published_counts_equal_a_recount_of_the_signatures(client):
    utrecht, leiden = CityFactory(name="Utrecht"), CityFactory(name="Leiden")
    confirmed(utrecht, 3)
    confirmed(leiden, 1)
    # A pending endorsement does not count.
    endorse(leiden, "late@example.org")
    data = json.loads(client.get("/data/endorsement-counts.json").content)
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/data/endorsement-counts.csv").content.decode())
        )
    )
    recount = {
        city.geonameid: Endorsement.objects.filter(city=city, status="verified").count()
        for city in (utrecht, leiden)
    }
    assert {
        row["geonameid"]: row["confirmed_endorsements"] for row in data["cities"]
    } == recount
    assert {
        int(row["geonameid"]): int(row["confirmed_endorsements"]) for row in rows
    } == recount
    assert data["cities"][0]["city"] == "Utrecht"
    assert "@" not in json.dumps(data)
    assert not mail.outbox


def test_the_counts_page_lists_cities_and_links_the_data(client):
    confirmed(CityFactory(name="Utrecht"), 2)
    html = client.get("/en/endorse/counts/").content.decode()
    assert "Utrecht" in html
    assert 'href="/data/endorsement-counts.csv"' in html


def test_the_counts_page_with_no_endorsement_says_so(client):
    html = client.get("/nl/endorse/counts/").content.decode()
    assert 'lang="nl"' in html
    assert "/data/endorsement-counts.json" in html

"""schema.org JSON-LD on public pages: the right types, and no way out."""

import json
import re

import pytest
from django.utils import timezone

from digitalrights.cities.models import Member
from digitalrights.content.models import NewsPage
from digitalrights.opendata.tests.test_api_initiatives import rich
from digitalrights.workinggroups.models import WorkingGroupPage

pytestmark = pytest.mark.django_db

HOSTILE = "</script><script>alert(1)</script><!--"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    (found,) = SCRIPT.findall(page)
    # No text closes the element early: what it holds is JSON, whole.
    assert "<" not in found
    return json.loads(found)


def test_a_member_city_is_a_city_and_a_government_of_the_coalition(client):
    member = Member.objects.select_related("city").get(city__geonameid=2759794)
    data = json_ld(client, member.city.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    city, government = data["@graph"]
    assert city["@type"] == "City"
    assert city["@id"] == "https://sws.geonames.org/2759794/"
    assert city["geo"]["latitude"] == member.city.latitude
    assert government["@type"] == "GovernmentOrganization"
    assert government["name"] == member.name
    assert government["areaServed"] == {"@id": city["@id"]}
    assert government["memberOf"]["name"] == "Cities Coalition for Digital Rights"


def test_an_initiative_is_an_article_and_a_hostile_title_stays_inside(client):
    initiative = rich(title=HOSTILE, summary=f"A summary {HOSTILE} & more")
    response = client.get(initiative.get_absolute_url())
    page = response.content.decode()
    assert "</script><script>alert(1)" not in page
    data = json_ld(client, initiative.get_absolute_url())
    assert data["@type"] == "Article"
    assert data["headline"] == HOSTILE
    assert data["description"] == f"A summary {HOSTILE} & more"
    assert data["author"]["@type"] == "GovernmentOrganization"
    assert data["url"].endswith(initiative.get_absolute_url())


def test_a_news_item_is_a_news_article(client):
    news = NewsPage.objects.live().filter(locale__language_code="en").first()
    news.title = HOSTILE
    news.save_revision().publish()
    response = client.get(news.url)
    assert "</script><script>alert(1)" not in response.content.decode()
    data = json_ld(client, news.url)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == HOSTILE
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == news.date.isoformat()


def test_the_meetings_to_come_of_a_working_group_are_events(client):
    group = next(
        page
        for page in WorkingGroupPage.objects.live().filter(locale__language_code="en")
        if page.meetings.filter(ends_at__gte=timezone.now()).exists()
    )
    data = json_ld(client, group.url)
    events = data["@graph"]
    assert len(events) == group.meetings.filter(ends_at__gte=timezone.now()).count()
    for event in events:
        assert event["@type"] == "Event"
        assert event["startDate"] < event["endDate"]
        assert re.search(r"[+-]\d\d:\d\d$|Z$", event["startDate"])
        assert event["organizer"]["name"] == group.title
        assert event["eventAttendanceMode"].startswith("https://schema.org/")


def test_the_open_data_page_is_a_data_catalog(client):
    data = json_ld(client, "/nl/data/")
    assert data["@type"] == "DataCatalog"
    assert {dataset["@type"] for dataset in data["dataset"]} == {"Dataset"}
    initiatives = next(
        dataset
        for dataset in data["dataset"]
        if dataset["@id"].endswith("#initiatives")
    )
    assert initiatives["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {d["contentUrl"] for d in initiatives["distribution"]} == {
        "http://127.0.0.1:8000/data/dumps/initiatives.csv",
        "http://127.0.0.1:8000/data/dumps/initiatives.json",
    }

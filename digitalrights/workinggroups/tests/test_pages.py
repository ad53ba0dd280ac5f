import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digitalrights.cities.models import City
from digitalrights.toolkit.models import Resource, ResourceKind
from digitalrights.workinggroups.models import Meeting, WorkingGroupPage

from .factories import at, group_add, meeting

pytestmark = pytest.mark.django_db

AMSTERDAM, BARCELONA, VIENNA = 2759794, 3128760, 2761369
LANGUAGES = ["en", "es", "ca", "fr", "nl"]
TRANSLATED_TITLE = {
    "en": "Transparency and participation",
    "es": "Transparencia y participación",
    "ca": "Transparència i participació",
    "fr": "Transparence et participation",
    "nl": "Transparantie en participatie",
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_index_lists_every_group_in_every_language(client, code):
    response = client.get(f"/{code}/working-groups/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{code}"' in html
    assert TRANSLATED_TITLE[code] in html
    assert html.count('<li class="card">') == 6
    assert f'href="/{code}/working-groups/calendar/"' in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_group_page_renders_in_every_language(client, code):
    response = client.get(f"/{code}/working-groups/transparency-and-participation/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{TRANSLATED_TITLE[code]}</h1>" in html
    amsterdam = City.objects.get(geonameid=AMSTERDAM)
    assert f'href="/{code}{amsterdam.get_absolute_url()[3:]}"' in html
    assert (
        f'href="/{code}/working-groups/transparency-and-participation/calendar/"'
        in html
    )
    assert len(response.content) < 200 * 1024


def test_group_page_shows_subject_cities_meetings_and_outputs(client):
    amsterdam = City.objects.get(geonameid=AMSTERDAM)
    vienna = City.objects.get(geonameid=VIENNA)
    published = Resource.objects.create(
        title="Register of algorithms",
        summary="How a city lists the algorithms it uses.",
        kind=ResourceKind.TOOL,
        source_organisation="A test",
        url="https://example.org/register",
        version_date=datetime.date(2025, 1, 1),
    )
    draft = Resource.objects.create(
        title="Unfinished guide",
        summary="Not yet published.",
        kind=ResourceKind.GUIDELINE,
        source_organisation="A test",
        url="https://example.org/draft",
        version_date=datetime.date(2025, 1, 1),
        live=False,
    )
    now = timezone.now()
    group = group_add(
        principle_id=2,
        topic=None,
        coordinator=vienna,
        member_cities=[amsterdam, vienna],
        outputs=[published, draft],
        meetings=[
            meeting(title="Next call", starts_at=now + datetime.timedelta(days=3)),
            meeting(title="Last call", starts_at=now - datetime.timedelta(days=3)),
        ],
    )
    html = client.get(group.url).content.decode()
    assert 'href="/en/declaration/privacy/">Privacy, data protection and security' in (
        html
    )
    assert f'<a href="{vienna.get_absolute_url()}">Vienna</a>' in html
    assert f'<a href="{amsterdam.get_absolute_url()}">Amsterdam</a>' in html
    coming, past = html.split('id="meetings-past"')
    assert "Next call" in coming and "Last call" not in coming
    assert "Last call" in past
    assert "Register of algorithms" in html
    assert "Unfinished guide" not in html


def test_meeting_time_is_shown_in_its_own_time_zone(client):
    group = group_add(
        meetings=[
            meeting(
                starts_at=at("2030-03-10 14:00", "Europe/Vienna"),
                ends_at=at("2030-03-10 16:30", "Europe/Vienna"),
                time_zone="Europe/Vienna",
                place="Vienna City Hall",
                online_url="",
            )
        ]
    )
    html = client.get(group.url).content.decode()
    assert (
        'Sunday, March 10, 2030, <time datetime="2030-03-10T14:00:00+01:00">2 p.m.'
        '</time> to <time datetime="2030-03-10T16:30:00+01:00">4:30 p.m.</time>'
        " (time zone Europe/Vienna, UTC+01:00)"
    ) in html
    assert "Place: Vienna City Hall" in html


def test_meeting_dates_are_written_in_the_page_language(client):
    html = client.get("/es/working-groups/digital-inclusion/").content.decode()
    weekday = "(lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
    assert re.search(weekday + r", \d{1,2} de \w+ de \d{4}, (de )?<time", html)


def test_a_meeting_over_several_days_names_both_days(client):
    group = group_add(
        meetings=[
            meeting(
                starts_at=at("2030-06-01 09:00", "America/Toronto"),
                ends_at=at("2030-06-02 17:00", "America/Toronto"),
                time_zone="America/Toronto",
            )
        ]
    )
    html = client.get(group.url).content.decode()
    assert "Saturday, June 1, 2030, 9 a.m.</time> to" in html
    assert "Sunday, June 2, 2030, 5 p.m.</time>" in html
    assert "UTC-04:00" in html


def test_index_shows_only_meetings_to_come_soonest_first(client):
    now = timezone.now()
    group_add(
        title="Soon group",
        meetings=[
            meeting(title="Later", starts_at=now + datetime.timedelta(days=200)),
            meeting(title="Over", starts_at=now - datetime.timedelta(days=200)),
        ],
    )
    group_add(
        title="Other group",
        meetings=[meeting(title="Sooner", starts_at=now + datetime.timedelta(days=1))],
    )
    html = client.get("/en/working-groups/").content.decode()
    coming = html.split('id="meetings-coming"')[1]
    assert "Over" not in coming
    assert coming.index("Sooner") < coming.index("Later")
    assert re.search(r"Working group: <a href=\"[^\"]+\">Other group</a>", coming)


def test_unpublished_group_is_not_listed(client):
    group = group_add(title="Secret group")
    group.unpublish()
    assert "Secret group" not in client.get("/en/working-groups/").content.decode()


def _index_queries(client) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/working-groups/")
    assert response.status_code == 200
    return len(queries)


def test_index_queries_do_not_grow_with_groups_or_meetings(client):
    vienna = City.objects.get(geonameid=VIENNA)
    before = _index_queries(client)
    now = timezone.now()
    for n in range(4):
        group_add(
            topic_id=None,
            coordinator=vienna,
            member_cities=[vienna],
            meetings=[
                meeting(starts_at=now + datetime.timedelta(days=n + 1)),
                meeting(starts_at=now + datetime.timedelta(days=n + 10)),
            ],
        )
    assert _index_queries(client) == before


def test_group_page_queries_do_not_grow_with_cities_or_meetings(client):
    from django.core.cache import cache

    cities = list(City.objects.filter(membership__isnull=False)[:6])
    now = timezone.now()
    small = group_add(member_cities=cities[:1], meetings=[meeting()])
    large = group_add(
        member_cities=cities,
        coordinator=cities[0],
        meetings=[
            meeting(starts_at=now + datetime.timedelta(days=n - 5)) for n in range(10)
        ],
    )
    counts = []
    for group in (small, large):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(group.url)
        counts.append(len(queries))
    # The coordinator is one more query only when it is not among the members.
    assert counts[1] <= counts[0] + 1


def test_translated_group_keeps_the_cities_and_shows_translated_meetings(client):
    group = WorkingGroupPage.objects.get(
        slug="transparency-and-participation", locale__language_code="fr"
    )
    assert sorted(c.geonameid for c in group.member_cities.all()) == [
        AMSTERDAM,
        BARCELONA,
    ]
    html = client.get("/fr/working-groups/transparency-and-participation/")
    text = html.content.decode()
    assert "Réunion en ligne" in text
    assert re.search(r"fuseau horaire|time zone", text)


def test_translated_page_shows_a_moved_meeting_at_its_new_time(client):
    """Times come from the source page, not from a translation not yet
    synchronised; the words still come from the translation."""
    english = WorkingGroupPage.objects.get(
        slug="digital-inclusion", locale__language_code="en"
    )
    call = english.meetings.get()
    moved = at("2031-01-15 16:00", "Europe/London")
    Meeting.objects.filter(pk=call.pk).update(
        starts_at=moved, ends_at=moved + datetime.timedelta(hours=1)
    )
    html = client.get("/fr/working-groups/digital-inclusion/").content.decode()
    assert 'datetime="2031-01-15T16:00:00+00:00"' in html
    assert "Réunion en ligne" in html
    assert "Online call" not in html


@pytest.mark.django_db
def test_a_city_page_lists_the_groups_it_takes_part_in(client):
    response = client.get("/fr/cities/2759794-amsterdam/")
    page = response.content.decode()
    assert 'id="groups-heading"' in page
    group = (
        WorkingGroupPage.objects.live()
        .filter(locale__language_code="fr", coordinator__geonameid=2759794)
        .first()
    )
    assert group is not None and group.url in page

"""``/api/v1/working-groups/`` and ``/api/v1/meetings/``."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from digitalrights.initiatives.tests.factories import member_city
from digitalrights.toolkit.tests.factories import ResourceFactory
from digitalrights.workinggroups.tests.factories import at, group_add, meeting

pytestmark = pytest.mark.django_db

GROUPS = "/api/v1/working-groups/"
MEETINGS = "/api/v1/meetings/"


def listed(client, url: str, **query) -> list[dict]:
    response = client.get(url, {"limit": 1000, **query})
    assert response.status_code == 200
    return response.json()["items"]


def test_a_group_names_its_cities_subject_and_published_outputs(client):
    coordinator, member = member_city(), member_city()
    shown, hidden = ResourceFactory(), ResourceFactory(live=False)
    group = group_add(
        coordinator=coordinator,
        member_cities=[coordinator, member],
        outputs=[shown, hidden],
        principle_id=3,
        body="<p>First.</p><p>Second &amp; <b>last</b>.</p>",
    )
    body = client.get(f"{GROUPS}{group.translation_key}").json()
    assert body["id"] == str(group.translation_key)
    assert body["title"] == group.title and body["language"] == "en"
    assert body["principle"] == 3 and body["topic"] is None
    assert body["body"] == "First. Second & last."
    assert body["coordinator"]["geonameid"] == coordinator.geonameid
    assert {c["geonameid"] for c in body["member_cities"]} == {
        coordinator.geonameid,
        member.geonameid,
    }
    assert body["outputs"] == [shown.pk]
    assert body["url"] == f"http://127.0.0.1:8000/en/working-groups/{group.slug}/"
    assert body["calendar_url"] == body["url"] + "calendar/"


def test_groups_come_in_the_language_asked_with_the_same_ids(client):
    english = listed(client, GROUPS)
    french = listed(client, GROUPS, lang="fr")
    assert {g["id"] for g in english} == {g["id"] for g in french}
    assert "fr" in {g["language"] for g in french}
    assert {g["language"] for g in english} == {"en"}


def test_a_draft_or_a_private_group_is_never_listed_nor_found(client):
    draft = group_add(meetings=[meeting()])
    draft.unpublish()
    private = group_add(meetings=[meeting()])
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret"
    )
    ids = {g["id"] for g in listed(client, GROUPS)}
    for group in (draft, private):
        key = str(group.translation_key)
        assert key not in ids
        assert client.get(f"{GROUPS}{key}").status_code == 404
        assert listed(client, MEETINGS, group=key) == []
        assert key not in {m["group"] for m in listed(client, MEETINGS)}


def test_a_meeting_is_given_on_its_own_clocks_with_its_zone(client):
    group = group_add(
        meetings=[
            meeting(
                title="Spring call",
                time_zone="Europe/Vienna",
                starts_at=at("2030-03-10 14:00", "Europe/Vienna"),
                place="Rathaus, Wien",
            )
        ]
    )
    [found] = listed(client, MEETINGS, group=str(group.translation_key))
    assert found["starts_at"] == "2030-03-10T14:00:00+01:00"
    assert found["ends_at"] == "2030-03-10T16:00:00+01:00"
    assert found["time_zone"] == "Europe/Vienna"
    assert found["place"] == "Rathaus, Wien"
    assert found["online_url"] == "https://meet.example.org/room"
    assert found["group"] == str(group.translation_key)
    assert found["url"].endswith(f"/en/working-groups/{group.slug}/")
    one = client.get(f"{MEETINGS}{found['id']}")
    assert one.json() == found
    group.refresh_from_db()
    stored = group.meetings.get()
    assert one["Last-Modified"] == http_date(stored.last_modified.timestamp())


def test_meetings_to_come_and_past_by_from_and_to(client):
    group = group_add(
        meetings=[
            meeting(title="Past", starts_at=at("2020-06-01 10:00")),
            meeting(title="Coming", starts_at=at("2090-06-01 10:00")),
        ]
    )
    key = str(group.translation_key)
    titles = lambda **q: [m["title"] for m in listed(client, MEETINGS, group=key, **q)]  # noqa: E731
    assert titles() == ["Past", "Coming"]
    assert titles(**{"from": "2026-01-01T00:00:00Z"}) == ["Coming"]
    assert titles(to="2026-01-01") == ["Past"]
    assert titles(**{"from": "2020-06-01T11:00:00+00:00"}) == ["Past", "Coming"]
    assert titles(**{"from": "2030-01-01", "to": "2031-01-01"}) == []


@pytest.mark.parametrize(
    ("url", "query"),
    [
        (MEETINGS, {"group": "not-a-uuid"}),
        (MEETINGS, {"from": "yesterday"}),
        (MEETINGS, {"to": "0.5"}),
        (MEETINGS, {"to": "1700000000"}),
        (MEETINGS, {"from": "2030-03-10T14:00"}),
        (MEETINGS, {"from": "0001-01-01T00:00:00+05:00"}),
        (MEETINGS, {"to": "9999-12-31T23:59:59-05:00"}),
        (MEETINGS, {"lang": "zz"}),
        (GROUPS, {"offset": "-1"}),
        (f"{GROUPS}not-a-uuid", {}),
        (f"{MEETINGS}' OR 1=1 --", {}),
    ],
)
def test_hostile_input_is_a_problem_document_never_a_crash(client, url, query):
    response = client.get(url, query)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/problem+json"


def test_a_huge_limit_is_cut_to_the_largest_page(client):
    response = client.get(MEETINGS, {"limit": "100000000000000000000"})
    assert response.status_code == 200


def test_an_unknown_group_or_meeting_is_not_found(client):
    unknown = "00000000-0000-0000-0000-000000000000"
    assert client.get(f"{GROUPS}{unknown}").status_code == 404
    assert client.get(f"{MEETINGS}{unknown}").status_code == 404
    assert listed(client, MEETINGS, group=unknown) == []


def test_lists_take_the_same_queries_however_many_groups_and_meetings(
    client, django_assert_max_num_queries
):
    def add():
        cities = [member_city(), member_city()]
        group_add(
            coordinator=cities[0],
            member_cities=cities,
            outputs=[ResourceFactory(), ResourceFactory()],
            meetings=[meeting(), meeting(title="Second", place="Town hall")],
        )

    add()
    counts = {}
    for url in (GROUPS, MEETINGS):
        with CaptureQueriesContext(connection) as few:
            client.get(url, {"limit": 1000})
        counts[url] = len(few.captured_queries)
    for _ in range(4):
        add()
    cache.clear()
    for url in (GROUPS, MEETINGS):
        with django_assert_max_num_queries(counts[url]):
            assert len(client.get(url, {"limit": 1000}).json()["items"]) >= 5

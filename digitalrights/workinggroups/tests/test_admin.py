import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import querydict_from_html

from digitalrights.cities.models import City, Member
from digitalrights.workinggroups.forms import MeetingAdminForm
from digitalrights.workinggroups.models import WorkingGroupPage

from .factories import at, group_add, meeting

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "x")
    client.force_login(user)
    return client


def _edit_data(staff_client, group: WorkingGroupPage):
    url = f"/admin/pages/{group.pk}/edit/"
    response = staff_client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    return url, data


def test_meeting_forms_read_times_in_the_meeting_time_zone():
    form_class = WorkingGroupPage.get_edit_handler().get_form_class()
    assert issubclass(form_class.formsets["meetings"].form, MeetingAdminForm)


def test_group_editor_offers_member_cities_by_name_not_the_gazetteer(staff_client):
    group = WorkingGroupPage.objects.get(
        slug="global-agenda", locale__language_code="en"
    )
    html = staff_client.get(f"/admin/pages/{group.pk}/edit/").content.decode()
    assert html.count('type="checkbox" name="member_cities"') == Member.objects.count()
    assert "Bordeaux Métropole (FR)" in html
    outsider = City.objects.filter(membership__isnull=True).first()
    assert f'value="{outsider.pk}"' not in html


def test_editor_types_times_as_read_in_the_meeting_place(staff_client):
    group = group_add(meetings=[meeting(time_zone="UTC")])
    url, data = _edit_data(staff_client, group)
    data["meetings-0-time_zone"] = "Europe/Vienna"
    data["meetings-0-starts_at"] = "2030-03-10 14:00"
    data["meetings-0-ends_at"] = "2030-03-10 16:00"
    data["action-publish"] = "action-publish"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    saved = WorkingGroupPage.objects.get(pk=group.pk).meetings.get()
    assert saved.starts_at == datetime.datetime(2030, 3, 10, 13, tzinfo=UTC)
    assert saved.ends_at == datetime.datetime(2030, 3, 10, 15, tzinfo=UTC)
    # Shown again as typed, in Vienna's time.
    _url, again = _edit_data(staff_client, group)
    assert again["meetings-0-starts_at"] == "2030-03-10 14:00"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"meetings-0-ends_at": "2030-03-10 13:00"},
            "A meeting cannot end before it starts.",
        ),
        (
            {"meetings-0-place": "", "meetings-0-online_url": ""},
            "Give the meeting a place, an online link or both.",
        ),
        (
            {"principle": "", "topic": ""},
            "Give the group a principle, a topic or both.",
        ),
    ],
)
def test_editor_is_told_what_to_mend_and_nothing_is_saved(
    staff_client, change, message
):
    group = group_add(
        meetings=[meeting(starts_at=at("2030-03-10 14:00", "Europe/Vienna"))]
    )
    url, data = _edit_data(staff_client, group)
    data["meetings-0-starts_at"] = "2030-03-10 14:00"
    data["meetings-0-ends_at"] = "2030-03-10 16:00"
    for name, value in change.items():
        data[name] = value
    data["action-publish"] = "action-publish"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    group.refresh_from_db()
    assert group.principle_id == 2
    assert group.meetings.get().ends_at == at("2030-03-10 16:00", "Europe/Vienna")


def _set_editor_time_zone(name: str) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="staff"))
    profile.current_time_zone = name
    profile.save(update_fields=["current_time_zone"])


def _publish(staff_client, group, **fields):
    url, data = _edit_data(staff_client, group)
    for name, value in fields.items():
        data[f"meetings-0-{name}"] = value
    data["action-publish"] = "action-publish"
    return staff_client.post(url, data)


def test_editor_in_another_time_zone_types_and_reads_the_meeting_place_time(
    staff_client,
):
    _set_editor_time_zone("America/New_York")
    group = group_add(meetings=[meeting(time_zone="Europe/Amsterdam")])
    response = _publish(
        staff_client,
        group,
        time_zone="Europe/Amsterdam",
        starts_at="2030-02-12 10:00",
        ends_at="2030-02-12 11:30",
    )
    assert response.status_code == 302
    saved = WorkingGroupPage.objects.get(pk=group.pk).meetings.get()
    assert saved.starts_at == datetime.datetime(2030, 2, 12, 9, tzinfo=UTC)
    assert saved.local_start.strftime("%H:%M %Z") == "10:00 CET"
    _url, again = _edit_data(staff_client, group)
    assert again["meetings-0-starts_at"] == "2030-02-12 10:00"
    assert again["meetings-0-ends_at"] == "2030-02-12 11:30"


def test_time_the_editor_zone_skips_is_fine_where_the_meeting_is(staff_client):
    # New York's clocks skip 02:30 that night; Amsterdam's do not.
    _set_editor_time_zone("America/New_York")
    group = group_add(meetings=[meeting(time_zone="Europe/Amsterdam")])
    response = _publish(
        staff_client,
        group,
        starts_at="2030-03-10 02:30",
        ends_at="2030-03-10 03:30",
    )
    assert response.status_code == 302
    saved = WorkingGroupPage.objects.get(pk=group.pk).meetings.get()
    assert saved.starts_at == datetime.datetime(2030, 3, 10, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"starts_at": "2030-10-27 02:30", "ends_at": "2030-10-27 04:00"},
            "2030-10-27 02:30 happens twice in Europe/Amsterdam: the clocks pass "
            "it twice when they go back. Choose another time.",
        ),
        (
            {"starts_at": "2030-03-31 01:00", "ends_at": "2030-03-31 02:15"},
            "2030-03-31 02:15 does not exist in Europe/Amsterdam: the clocks skip "
            "it when they go forward. Choose another time.",
        ),
        (
            {"starts_at": "0001-01-01 00:00"},
            "A meeting must take place between the years 2000 and 2100.",
        ),
        (
            {"ends_at": "9999-12-31 23:59"},
            "A meeting must take place between the years 2000 and 2100.",
        ),
        ({"starts_at": "2030-02-30 10:00"}, "Enter a valid date/time."),
        ({"starts_at": "2030-02-12T10:00+05:00"}, "Enter a valid date/time."),
        ({"starts_at": "10:00 tomorrow"}, "Enter a valid date/time."),
        (
            {"time_zone": "Mars/Olympus_Mons"},
            "“Mars/Olympus_Mons” is not a time zone. Choose one from the list, "
            "such as Europe/Madrid.",
        ),
        (
            {"time_zone": "<b>Europe/Nowhere</b>"},
            "“&lt;b&gt;Europe/Nowhere&lt;/b&gt;” is not a time zone.",
        ),
    ],
)
def test_times_that_say_no_moment_are_refused_and_nothing_is_saved(
    staff_client, fields, message
):
    _set_editor_time_zone("Asia/Tokyo")
    original = meeting(
        time_zone="Europe/Amsterdam",
        starts_at=at("2030-02-12 10:00", "Europe/Amsterdam"),
    )
    group = group_add(meetings=[original])
    revisions = group.revisions.count()
    response = _publish(staff_client, group, **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # Only what is wrong is said.
    assert "A meeting cannot end before it starts." not in html
    assert group.revisions.count() == revisions
    saved = WorkingGroupPage.objects.get(pk=group.pk).meetings.get()
    assert (saved.starts_at, saved.ends_at, saved.time_zone) == (
        original.starts_at,
        original.ends_at,
        "Europe/Amsterdam",
    )
    assert saved.sequence == 0

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

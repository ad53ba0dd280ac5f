import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from digitalrights.cities.models import City
from digitalrights.cities.tests.factories import CityFactory

from .factories import at, group_add, meeting

pytestmark = pytest.mark.django_db


def test_meeting_ending_before_it_starts_is_refused():
    starts_at = at("2030-03-10 14:00")
    with pytest.raises(
        ValidationError, match=re.escape("A meeting cannot end before it starts.")
    ):
        meeting(
            starts_at=starts_at, ends_at=starts_at - datetime.timedelta(minutes=1)
        ).clean()


def test_meeting_with_neither_place_nor_link_is_refused():
    with pytest.raises(
        ValidationError,
        match=re.escape("Give the meeting a place, an online link or both."),
    ) as error:
        meeting(place="", online_url="").clean()
    assert "place" in error.value.message_dict


def test_meeting_in_a_place_only_or_online_only_is_fine():
    meeting(place="Vienna City Hall", online_url="").clean()
    meeting(place="", online_url="https://meet.example.org/x").clean()


def test_database_refuses_a_meeting_that_ends_before_it_starts():
    group = group_add()
    starts_at = at("2030-03-10 14:00")
    with pytest.raises(IntegrityError):
        meeting(
            group=group,
            starts_at=starts_at,
            ends_at=starts_at - datetime.timedelta(hours=1),
        ).save()


def test_group_with_neither_topic_nor_principle_is_refused():
    with pytest.raises(
        ValidationError, match=re.escape("Give the group a principle, a topic or both.")
    ):
        group_add(principle_id=None, topic=None)


def test_group_with_only_a_topic_is_fine():
    from digitalrights.core.models import Topic

    group = group_add(principle_id=None, topic=Topic.objects.get(slug="privacy"))
    assert group.pk


def test_group_cannot_take_the_calendar_address():
    with pytest.raises(
        ValidationError, match=re.escape("This address is the calendar's.")
    ):
        group_add(slug="calendar")


def test_coordinator_must_be_a_member_city():
    outsider = CityFactory()
    with pytest.raises(ValidationError, match="coordinator"):
        group_add(coordinator=outsider)
    member = City.objects.filter(membership__isnull=False).first()
    assert group_add(coordinator=member).coordinator == member


LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def _publish_meeting_change(group, **fields):
    """Change the group's meeting and publish the page, as the editor does."""
    from digitalrights.workinggroups.models import WorkingGroupPage

    page = WorkingGroupPage.objects.get(pk=group.pk)
    meetings = list(page.meetings.all())
    for name, value in fields.items():
        setattr(meetings[0], name, value)
    page.meetings = meetings
    page.save_revision().publish()
    return _stored(group)


def _stored(group):
    """Return the group's meeting as the database holds it."""
    from digitalrights.workinggroups.models import Meeting

    return Meeting.objects.get(group_id=group.pk)


def _stored_long_ago(group):
    """Date the meeting's last change long ago, to see whether it moves."""
    from digitalrights.workinggroups.models import Meeting

    Meeting.objects.filter(group_id=group.pk).update(last_modified=LONG_AGO)


@pytest.mark.parametrize(
    "fields",
    [
        {"starts_at": at("2030-03-10 15:00", "Europe/Vienna")},
        {"ends_at": at("2030-03-10 17:00", "Europe/Vienna")},
        {"place": "Vienna City Hall"},
        {"online_url": "https://meet.example.org/other-room"},
    ],
)
def test_moving_a_meeting_raises_its_sequence_and_notes_the_change(fields):
    group = group_add(meetings=[meeting()])
    _stored_long_ago(group)
    moved = _publish_meeting_change(group, **fields)
    assert moved.sequence == 1
    assert moved.last_modified > LONG_AGO
    again = _publish_meeting_change(group, **fields)
    assert again.sequence == 1
    _publish_meeting_change(group, place="Somewhere else")
    assert _stored(group).sequence == 2


def test_changing_a_meeting_words_notes_the_change_but_does_not_move_it():
    group = group_add(meetings=[meeting()])
    _stored_long_ago(group)
    changed = _publish_meeting_change(group, title="New title", details="Agenda.")
    assert changed.sequence == 0
    assert changed.last_modified > LONG_AGO


def test_unrelated_edit_of_the_group_changes_nothing_in_its_meetings():
    group = group_add(meetings=[meeting()])
    _stored_long_ago(group)
    group.summary = "Another summary."
    group.save_revision().publish()
    # Published again from a revision, as scheduled publishing does.
    group.save_revision().publish()
    stored = _stored(group)
    assert stored.sequence == 0
    assert stored.last_modified == LONG_AGO


def test_older_revision_brought_back_never_lowers_the_sequence():
    group = group_add(meetings=[meeting()])
    first = group.latest_revision
    _publish_meeting_change(group, place="Vienna City Hall")
    _publish_meeting_change(group, place="Graz")
    assert _stored(group).sequence == 2
    # The first revision's copy of the meeting says sequence 0 and no place.
    first.publish()
    stored = _stored(group)
    assert stored.place == ""
    assert stored.sequence == 3


def test_save_of_other_fields_only_leaves_sequence_alone():
    group = group_add(meetings=[meeting()])
    _stored_long_ago(group)
    stored = _stored(group)
    stored.sort_order = 5
    stored.save(update_fields=["sort_order"])
    stored.place = "Linz"
    stored.save(update_fields=["place"])
    stored = _stored(group)
    assert (stored.sort_order, stored.place, stored.sequence) == (5, "Linz", 1)
    assert stored.last_modified > LONG_AGO

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

import datetime

import pytest
from icalendar import Calendar

from digitalrights.workinggroups.models import Meeting, WorkingGroupPage

from .factories import at, group_add, meeting

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _calendar(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_group_calendar_holds_its_meetings_in_utc(client):
    group = group_add(
        title="Calendar group",
        meetings=[
            meeting(
                title="Spring session",
                starts_at=at("2030-03-10 14:00", "Europe/Vienna"),
                ends_at=at("2030-03-10 16:30", "Europe/Vienna"),
                time_zone="Europe/Vienna",
                place="Vienna City Hall",
                online_url="https://meet.example.org/spring",
                details="Bring the survey results.",
            ),
            meeting(
                title="Summer call",
                starts_at=at("2030-07-01 10:00", "America/Toronto"),
                ends_at=at("2030-07-01 11:00", "America/Toronto"),
                time_zone="America/Toronto",
                place="",
                online_url="https://meet.example.org/summer",
            ),
        ],
    )
    calendar = _calendar(client, f"{group.url}calendar/")
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Calendar group"
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert len(events) == 2
    spring, summer = events
    # 14:00 in Vienna in winter time is 13:00 UTC; 10:00 in Toronto in summer
    # time is 14:00 UTC.
    assert spring.decoded("DTSTART") == datetime.datetime(2030, 3, 10, 13, tzinfo=UTC)
    assert spring.decoded("DTEND") == datetime.datetime(2030, 3, 10, 15, 30, tzinfo=UTC)
    assert summer.decoded("DTSTART") == datetime.datetime(2030, 7, 1, 14, tzinfo=UTC)
    assert b"DTSTART:20300310T130000Z" in calendar.to_ical()
    assert str(spring["SUMMARY"]) == "Calendar group: Spring session"
    assert str(spring["LOCATION"]) == "Vienna City Hall"
    assert str(summer["LOCATION"]) == "https://meet.example.org/summer"
    assert str(spring["URL"]) == group.get_full_url()
    assert "Bring the survey results." in str(spring["DESCRIPTION"])
    assert "https://meet.example.org/spring" in str(spring["DESCRIPTION"])
    assert isinstance(spring.decoded("DTSTAMP"), datetime.datetime)
    spring_meeting = group.meetings.get(title="Spring session")
    assert str(spring["UID"]) == f"meeting-{spring_meeting.translation_key}@127.0.0.1"


def test_calendar_uids_are_stable_and_shared_by_translations(client):
    url = "/{}/working-groups/transparency-and-participation/calendar/"
    first = _events(_calendar(client, url.format("en")))
    again = _events(_calendar(client, url.format("en")))
    french = _events(_calendar(client, url.format("fr")))
    assert first.keys() == again.keys() == french.keys()
    assert len(first) == 2
    uid = next(iter(first))
    assert str(first[uid]["SUMMARY"]) != str(french[uid]["SUMMARY"])
    assert first[uid].decoded("DTSTART") == french[uid].decoded("DTSTART")


def test_calendar_of_all_groups_holds_every_meeting_of_every_group(client):
    extra = group_add(meetings=[meeting(title="Extra meeting")])
    calendar = _calendar(client, "/en/working-groups/calendar/")
    events = _events(calendar)
    english = Meeting.objects.filter(
        group__in=WorkingGroupPage.objects.live().filter(locale__language_code="en")
    )
    assert len(events) == english.count() >= 9
    summaries = {str(event["SUMMARY"]) for event in events.values()}
    assert f"{extra.title}: Extra meeting" in summaries
    assert "Digital inclusion: Online call" in summaries
    for event in events.values():
        assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
        assert event.decoded("DTEND") >= event.decoded("DTSTART")


def test_calendar_leaves_out_unpublished_groups(client):
    group = group_add(meetings=[meeting(title="Hidden meeting")])
    group.unpublish()
    calendar = _calendar(client, "/en/working-groups/calendar/")
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert not any("Hidden meeting" in s for s in summaries)

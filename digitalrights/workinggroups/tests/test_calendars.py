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


def test_group_calendar_holds_its_meetings_in_their_own_time_zones(client):
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
    ical = calendar.to_ical()
    assert b"DTSTART;TZID=Europe/Vienna:20300310T140000" in ical
    assert b"DTEND;TZID=Europe/Vienna:20300310T163000" in ical
    assert b"DTSTART;TZID=America/Toronto:20300701T100000" in ical
    # Each zone used is described, once, before the events.
    zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"Europe/Vienna", "America/Toronto"}
    assert ical.index(b"BEGIN:VTIMEZONE") < ical.index(b"BEGIN:VEVENT")
    assert calendar.get_missing_tzids() == set()
    vienna = {
        (part.name, str(part["TZNAME"]), part["TZOFFSETTO"].td)
        for part in zones["Europe/Vienna"].subcomponents
    }
    assert ("DAYLIGHT", "CEST", datetime.timedelta(hours=2)) in vienna
    assert ("STANDARD", "CET", datetime.timedelta(hours=1)) in vienna
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
        assert event.decoded("DTEND") >= event.decoded("DTSTART")
        assert isinstance(event.decoded("DTSTAMP"), datetime.datetime)
        assert isinstance(event.decoded("LAST-MODIFIED"), datetime.datetime)
        assert event.decoded("SEQUENCE") >= 0
    assert calendar.get_missing_tzids() == set()


def test_calendar_leaves_out_unpublished_groups(client):
    group = group_add(meetings=[meeting(title="Hidden meeting")])
    group.unpublish()
    calendar = _calendar(client, "/en/working-groups/calendar/")
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert not any("Hidden meeting" in s for s in summaries)


def _move(group, **fields):
    """Change the group's meeting and publish the page, as the editor does."""
    page = WorkingGroupPage.objects.get(pk=group.pk)
    meetings = list(page.meetings.all())
    for name, value in fields.items():
        setattr(meetings[0], name, value)
    page.meetings = meetings
    page.save_revision().publish()


def _only_event(client, group):
    calendar = _calendar(client, f"{group.url}calendar/")
    (event,) = calendar.walk("VEVENT")
    return event


LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=UTC)


def test_moved_meeting_raises_sequence_and_last_modified_in_the_calendar(client):
    group = group_add(
        meetings=[
            meeting(
                time_zone="Europe/Amsterdam",
                starts_at=at("2030-02-12 10:00", "Europe/Amsterdam"),
            )
        ]
    )
    Meeting.objects.filter(group_id=group.pk).update(last_modified=LONG_AGO)
    before = _only_event(client, group)
    assert before.decoded("SEQUENCE") == 0
    assert before.decoded("LAST-MODIFIED") == LONG_AGO
    assert before.decoded("DTSTAMP") == LONG_AGO
    assert b"LAST-MODIFIED:20200101T000000Z" in before.to_ical()

    _move(
        group,
        starts_at=at("2030-02-13 10:00", "Europe/Amsterdam"),
        ends_at=at("2030-02-13 12:00", "Europe/Amsterdam"),
    )
    after = _only_event(client, group)
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("SEQUENCE") == 1
    assert after.decoded("LAST-MODIFIED") > LONG_AGO
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED")
    assert b"DTSTART;TZID=Europe/Amsterdam:20300213T100000" in after.to_ical()


def test_unrelated_edit_leaves_the_calendar_event_as_it_was(client):
    group = group_add(meetings=[meeting()])
    Meeting.objects.filter(group_id=group.pk).update(last_modified=LONG_AGO)
    before = _only_event(client, group).to_ical()
    page = WorkingGroupPage.objects.get(pk=group.pk)
    page.summary = "What the group works on, said again."
    page.save_revision().publish()
    after = _only_event(client, group)
    assert after.decoded("SEQUENCE") == 0
    assert after.to_ical() == before


def test_new_words_change_last_modified_but_not_sequence(client):
    group = group_add(meetings=[meeting()])
    Meeting.objects.filter(group_id=group.pk).update(last_modified=LONG_AGO)
    _move(group, details="The agenda is out.")
    event = _only_event(client, group)
    assert event.decoded("SEQUENCE") == 0
    assert event.decoded("LAST-MODIFIED") > LONG_AGO


def test_meeting_in_utc_needs_no_time_zone_description(client):
    group = group_add(meetings=[meeting(time_zone="UTC")])
    calendar = _calendar(client, f"{group.url}calendar/")
    assert b"DTSTART:20300310T140000Z" in calendar.to_ical()
    assert calendar.walk("VTIMEZONE") == []

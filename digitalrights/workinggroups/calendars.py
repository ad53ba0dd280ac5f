"""Meetings as iCalendar files (RFC 5545), for calendar applications."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from icalendar import Calendar, Event
from wagtail.models import Page

from .models import Meeting

CONTENT_TYPE = "text/calendar; charset=utf-8"


def meeting_uid(meeting: Meeting) -> str:
    """Return the meeting's lasting identifier, the same in every language.

    Translations of a meeting share its translation key, so a calendar
    application sees one event, whichever language it was added in.
    """
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"meeting-{meeting.translation_key}@{host}"


def meeting_event(meeting: Meeting, *, group_url: str) -> Event:
    """Return one meeting as a calendar event, at its own time zone's times.

    ``SEQUENCE`` rises each time the meeting moves, and ``DTSTAMP`` and
    ``LAST-MODIFIED`` are the time it last changed: a calendar application that
    holds an older copy replaces it, one that holds this copy changes nothing.
    """
    group = meeting.group
    event = Event()
    event.add("uid", meeting_uid(meeting))
    modified = meeting.last_modified.astimezone(UTC)
    # Under METHOD:PUBLISH, DTSTAMP is when this copy of the event was made;
    # the time of its last change keeps the file the same until it changes.
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", meeting.sequence)
    # With its zone's name (TZID) and rules (VTIMEZONE), so that a calendar
    # shows the meeting at the right time even where summer time rules change.
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add(
        "summary",
        gettext("%(group)s: %(meeting)s")
        % {"group": group.title, "meeting": meeting.title},
    )
    event.add("location", meeting.place or meeting.online_url)
    event.add("url", group_url)
    description = [meeting.details] if meeting.details else []
    if meeting.online_url:
        description.append(
            gettext("Join online: %(url)s") % {"url": meeting.online_url}
        )
        event.add(
            "conference",
            meeting.online_url,
            parameters={"VALUE": "URI", "FEATURE": "VIDEO"},
        )
    description.append(gettext("About the working group: %(url)s") % {"url": group_url})
    event.add("description", "\n\n".join(description))
    return event


def meeting_calendar(
    *, name: str, url: str, meetings: Iterable[Meeting], request: HttpRequest
) -> Calendar:
    """Return a calendar of ``meetings``, named ``name``."""
    calendar = Calendar()
    language = (get_language() or settings.LANGUAGE_CODE).upper()
    calendar.add(
        "prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Working groups//{language}"
    )
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("url", url)
    urls: dict[int, str] = {}
    meetings = list(meetings)
    for meeting in meetings:
        group = meeting.group
        if group.pk not in urls:
            urls[group.pk] = group.get_full_url(request)
        calendar.add_component(meeting_event(meeting, group_url=urls[group.pk]))
    if meetings:
        # The rules of each zone, from a year before the first meeting to a
        # year after the last (icalendar writes them from the tz database).
        calendar.add_missing_timezones(
            first_date=date(min(m.local_start.year for m in meetings) - 1, 1, 1),
            last_date=date(max(m.local_end.year for m in meetings) + 2, 1, 1),
        )
    return calendar


def calendar_response(
    *,
    request: HttpRequest,
    page: Page,
    meetings: Iterable[Meeting],
    filename: str,
) -> HttpResponse:
    """Return ``meetings`` as an iCalendar file named ``filename``."""
    calendar = meeting_calendar(
        name=page.title,
        url=page.get_full_url(request),
        meetings=meetings,
        request=request,
    )
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

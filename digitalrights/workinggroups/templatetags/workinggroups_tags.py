from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.formats import date_format, time_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from digitalrights.workinggroups.models import Meeting

register = template.Library()


def _offset(value: datetime) -> str:
    """Return the UTC offset as +01:00."""
    offset = value.strftime("%z") or "+0000"
    return f"{offset[:3]}:{offset[3:]}"


def _time(value: datetime, text: str) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)


def _day(value: datetime) -> str:
    return gettext("%(weekday)s, %(date)s") % {
        "weekday": date_format(value, "l"),
        "date": date_format(value, "DATE_FORMAT"),
    }


@register.simple_tag
def meeting_when(meeting: Meeting) -> SafeString:
    """Say when a meeting is, in its own time zone, in the active language."""
    start, end = meeting.local_start, meeting.local_end
    if start.date() == end.date():
        sentence = gettext("%(day)s, %(start)s to %(end)s")
        parts = {
            "day": escape(_day(start)),
            "start": _time(start, time_format(start, "TIME_FORMAT")),
            "end": _time(end, time_format(end, "TIME_FORMAT")),
        }
    else:
        sentence = gettext("%(start)s to %(end)s")
        parts = {
            "start": _time(
                start, f"{_day(start)}, {time_format(start, 'TIME_FORMAT')}"
            ),
            "end": _time(end, f"{_day(end)}, {time_format(end, 'TIME_FORMAT')}"),
        }
    zone = gettext("time zone %(zone)s, UTC%(offset)s") % {
        "zone": meeting.time_zone.replace("_", " "),
        "offset": _offset(start),
    }
    # Each part is escaped above; the sentence is escaped here.
    return mark_safe(  # noqa: S308
        f"{escape(sentence) % parts} ({escape(zone)})"
    )

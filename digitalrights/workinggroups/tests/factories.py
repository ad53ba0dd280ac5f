"""Helpers that make working groups and meetings for tests."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo

from wagtail.models import Locale

from digitalrights.workinggroups.models import (
    Meeting,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)

_numbers = itertools.count(1)


def english_index() -> WorkingGroupIndexPage:
    return WorkingGroupIndexPage.objects.get(locale=Locale.get_default())


def at(text: str, zone: str = "UTC") -> datetime.datetime:
    """Return an aware datetime from '2030-03-10 14:00' in ``zone``."""
    naive = datetime.datetime.fromisoformat(text)
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def meeting(**fields) -> Meeting:
    zone = fields.pop("time_zone", "Europe/Vienna")
    starts_at = fields.pop("starts_at", at("2030-03-10 14:00", zone))
    defaults = {
        "title": "Quarterly call",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "time_zone": zone,
        "online_url": "https://meet.example.org/room",
    }
    return Meeting(**(defaults | fields))


def group_add(
    index: WorkingGroupIndexPage | None = None,
    *,
    meetings: list[Meeting] | None = None,
    member_cities=(),
    outputs=(),
    **fields,
) -> WorkingGroupPage:
    """Add a published group under ``index`` (the English demo one)."""
    index = index or english_index()
    number = next(_numbers)
    defaults = {
        "title": f"Test group {number}",
        "slug": f"test-group-{number}",
        "summary": "A group made by a test.",
        "principle_id": 2,
    }
    group = WorkingGroupPage(**(defaults | fields))
    group.member_cities = list(member_cities)
    group.outputs = list(outputs)
    group.meetings = meetings or []
    index.add_child(instance=group)
    group.save_revision().publish()
    return group

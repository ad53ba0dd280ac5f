"""Demo working groups: the coalition's missions, each led by two cities.

Meetings are placed around the day the demo is loaded, so that the pages
always show some to come and some past.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from digitalrights.cities.models import City
from digitalrights.content.models import HomePage, StandardPage
from digitalrights.core.models import Topic
from digitalrights.toolkit.models import Resource
from digitalrights.workinggroups.models import (
    Meeting,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)

from . import content
from .models import DemoObject


def _retire_standard_page(home: HomePage, slug: str) -> None:
    """Delete the plain page the demo used to load at the groups' address.

    Databases loaded before working groups had pages of their own hold it,
    with its translations and aliases.
    """
    old = home.get_children().filter(slug=slug).exact_type(StandardPage).first()
    if old is None or not DemoObject.objects.filter(object_id=str(old.pk)).exists():
        return
    pages = list(old.get_translations(inclusive=True).order_by("-depth"))
    DemoObject.objects.filter(
        content_type=ContentType.objects.get_for_model(StandardPage),
        object_id__in=[str(page.pk) for page in pages],
    ).delete()
    for page in pages:
        page.delete()


def _meeting(data: dict, *, today: datetime.date) -> Meeting:
    zone = zoneinfo.ZoneInfo(data["time_zone"])
    day = today + datetime.timedelta(days=data["days"])
    return Meeting(
        title=data["title"],
        starts_at=datetime.datetime.combine(day, datetime.time(*data["start"]), zone),
        ends_at=datetime.datetime.combine(day, datetime.time(*data["end"]), zone),
        time_zone=data["time_zone"],
        place=data.get("place", ""),
        online_url=data.get("online_url", ""),
        details=data.get("details", ""),
    )


def working_groups_load(home: HomePage, *, child: Callable[..., Page]) -> list[Page]:
    """Create the working groups page and its groups; return them in tree order.

    ``child`` is the loader's own: it creates a page once and records it.
    """
    data = content.WORKING_GROUPS
    _retire_standard_page(home, data["slug"])
    index = child(
        home,
        WorkingGroupIndexPage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
    )
    groups = data["groups"]
    # Only the cities the demo loads as members may be in a group.
    cities = City.objects.filter(
        geonameid__in=[g for group in groups for g in group["cities"]],
        membership__isnull=False,
    ).in_bulk(field_name="geonameid")
    topics = Topic.objects.in_bulk(field_name="slug")
    outputs = {
        resource.title: resource
        for resource in Resource.objects.filter(
            title__in=[t for group in groups for t in group.get("outputs", [])]
        )
    }
    today = timezone.localdate()
    pages: list[Page] = [index]
    for group in groups:
        members = [cities[g] for g in group["cities"] if g in cities]
        pages.append(
            child(
                index,
                WorkingGroupPage,
                group["slug"],
                title=group["title"],
                summary=group["summary"],
                body=data["body"],
                principle_id=group["principle"],
                topic=topics.get(group["topic"]),
                coordinator=members[0] if members else None,
                member_cities=members,
                outputs=[outputs[t] for t in group.get("outputs", []) if t in outputs],
                meetings=[_meeting(m, today=today) for m in group["meetings"]],
            )
        )
    return pages

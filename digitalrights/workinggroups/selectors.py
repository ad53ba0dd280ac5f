"""The queries that read working groups, their meetings and outputs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone
from wagtail.models import Locale

from digitalrights.cities.models import City
from digitalrights.content.models import PrinciplePage
from digitalrights.toolkit.models import Resource

from .models import Meeting, WorkingGroupIndexPage, WorkingGroupPage


def group_list(*, index: WorkingGroupIndexPage) -> QuerySet[WorkingGroupPage]:
    """Return the live groups of ``index``, in the editors' order, with what
    their cards show."""
    return (
        WorkingGroupPage.objects.live()
        .child_of(index)
        .select_related("principle", "topic", "coordinator__membership")
        .prefetch_related("topic__names")
        .order_by("path")
    )


def meetings_coming(
    *, groups: Iterable[WorkingGroupPage], now: datetime | None = None
) -> list[Meeting]:
    """Return the meetings of ``groups`` not yet over, soonest first."""
    now = now or timezone.now()
    return _meetings(groups, Meeting.objects.filter(ends_at__gte=now))


def meetings_for_calendar(*, groups: Iterable[WorkingGroupPage]) -> list[Meeting]:
    """Return every meeting of ``groups``, past and to come, soonest first."""
    return _meetings(groups, Meeting.objects.all())


def _meetings(
    groups: Iterable[WorkingGroupPage], meetings: QuerySet[Meeting]
) -> list[Meeting]:
    """Return the meetings of ``groups`` as their source page has them.

    A translated group page holds copies of its meetings that are refreshed
    only when the translation is synchronised; a meeting moved, added or
    removed in the source language must not wait for that. So times, places
    and links come from the group's page in the default language, and only
    the words (title, details) from the translation, where it has them.
    """
    groups = list(groups)
    default = Locale.get_default()
    by_key = {group.translation_key: group for group in groups}
    sourced = set(
        WorkingGroupPage.objects.live()
        .filter(translation_key__in=list(by_key), locale=default)
        .values_list("translation_key", flat=True)
    )
    found = list(
        meetings.filter(
            Q(group__translation_key__in=list(sourced), group__locale=default)
            | Q(group__in=[g.pk for g in groups if g.translation_key not in sourced])
        )
        .annotate(group_key=F("group__translation_key"))
        .order_by("starts_at", "pk")
    )
    translated_groups = [g.pk for g in groups if g.locale_id != default.pk]
    words = {}
    if translated_groups:
        words = {
            row["translation_key"]: row
            for row in Meeting.objects.filter(group__in=translated_groups).values(
                "translation_key", "title", "details", "last_modified"
            )
        }
    for meeting in found:
        # The group is already loaded: no query per meeting.
        meeting.group = by_key[meeting.group_key]
        translation = words.get(meeting.translation_key)
        if translation is not None:
            meeting.title = translation["title"]
            meeting.details = translation["details"]
            # The event changed when its words did, in this language too.
            meeting.last_modified = max(
                meeting.last_modified, translation["last_modified"]
            )
    return found


def output_list(*, group: WorkingGroupPage) -> list[Resource]:
    """Return the group's published toolkit resources, each with a ``link``."""
    resources = list(
        group.outputs.filter(live=True).select_related("document").order_by("title")
    )
    for resource in resources:
        resource.link = _resource_link(resource)
    return resources


def _resource_link(resource: Resource) -> str:
    try:
        return resource.get_absolute_url()
    except NoReverseMatch:
        # The toolkit's own pages are not there yet: link to the resource.
        if resource.url:
            return resource.url
        return resource.document.url if resource.document else ""


def group_detail(
    *, group: WorkingGroupPage, now: datetime | None = None
) -> dict[str, object]:
    """Return what a group's page shows beside its own fields."""
    now = now or timezone.now()
    meetings = _meetings([group], Meeting.objects.all())
    cities = list(
        City.objects.filter(working_groups=group)
        .select_related("membership")
        .order_by("name")
    )
    principle_page = None
    if group.principle_id:
        principle_page = (
            PrinciplePage.objects.live()
            .filter(locale_id=group.locale_id, number=group.principle_id)
            .first()
        )
    coordinator = next((c for c in cities if c.pk == group.coordinator_id), None)
    if coordinator is None and group.coordinator_id:
        coordinator = City.objects.select_related("membership").get(
            pk=group.coordinator_id
        )
    return {
        "member_cities": cities,
        "coordinator": coordinator,
        "meetings_coming": [m for m in meetings if m.ends_at >= now],
        "meetings_past": [m for m in meetings if m.ends_at < now][::-1],
        "outputs": output_list(group=group),
        "principle_page": principle_page,
    }


def groups_of_city(*, city: City, language: str) -> list[WorkingGroupPage]:
    """Return the live groups ``city`` coordinates or takes part in.

    Each in ``language`` where it is translated, else in the default one.
    """
    groups = (
        WorkingGroupPage.objects.live()
        .filter(Q(coordinator=city) | Q(member_cities=city))
        .select_related("locale")
        .distinct()
    )
    default = settings.LANGUAGE_CODE

    def preference(group: WorkingGroupPage) -> tuple:
        code = group.locale.language_code
        return (code != language, code != default, code)

    chosen: dict = {}
    for group in sorted(groups, key=preference):
        chosen.setdefault(group.translation_key, group)
    return sorted(chosen.values(), key=lambda group: (group.title, group.pk))

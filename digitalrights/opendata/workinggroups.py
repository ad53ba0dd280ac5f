"""``/api/v1/working-groups/`` and ``/api/v1/meetings/``.

Live, public group pages only (``live().public()``: never a draft nor a page
behind a password), each in ``?lang`` where it is translated, else in the
default language, else in any: the id is the page's translation key, the
same in every language. Meetings are read as the group pages and calendars
read them (``workinggroups.selectors.meetings_for_calendar``): times, place
and link from the default language's page, words from the translation.
Outputs are published toolkit resources only.
"""

import re
from datetime import UTC, date, datetime, time
from typing import Annotated
from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate
from pydantic import BeforeValidator
from wagtail.rich_text import get_text_for_indexing

from digitalrights.cities.models import City
from digitalrights.toolkit.models import Resource
from digitalrights.workinggroups.models import (
    CALENDAR_SLUG,
    Meeting,
    WorkingGroupPage,
)
from digitalrights.workinggroups.selectors import meetings_for_calendar

from .common import (
    PROBLEMS,
    Language,
    LimitOffset,
    answer_in,
    city_out,
    last_modified,
    topic_out,
)
from .schemas import MeetingOut, Problem, WorkingGroupOut, site_url

groups = Router(tags=["working groups"])
meetings = Router(tags=["working groups"])


def groups_in(language: str) -> list[WorkingGroupPage]:
    """Return each live, public group once, in ``language`` if it can.

    Else in the default language, else in any; by title. A fixed few
    queries, whatever the number of groups, cities and outputs.
    """
    pages = (
        WorkingGroupPage.objects.live()
        .public()
        .select_related("locale", "principle", "topic", "coordinator__membership")
        .prefetch_related(
            "topic__names",
            Prefetch(
                "member_cities",
                queryset=City.objects.select_related("membership").order_by("name"),
            ),
            Prefetch(
                "outputs",
                queryset=Resource.objects.published().only("pk").order_by("pk"),
            ),
        )
    )

    def preference(page: WorkingGroupPage) -> tuple:
        code = page.locale.language_code
        return (code != language, code != settings.LANGUAGE_CODE, code, page.pk)

    chosen: dict[UUID, WorkingGroupPage] = {}
    for page in sorted(pages, key=preference):
        chosen.setdefault(page.translation_key, page)
    return sorted(chosen.values(), key=lambda page: (page.title.casefold(), page.pk))


def group_out(page: WorkingGroupPage) -> dict:
    url = page.url or ""
    return {
        "id": str(page.translation_key),
        "title": page.title,
        "summary": page.summary,
        "body": get_text_for_indexing(page.body or ""),
        "language": page.locale.language_code,
        "principle": page.principle_id,
        "topic": topic_out(page.topic) if page.topic else None,
        "coordinator": city_out(page.coordinator) if page.coordinator else None,
        "member_cities": [city_out(city) for city in page.member_cities.all()],
        "outputs": [resource.pk for resource in page.outputs.all()],
        "url": site_url(url),
        "calendar_url": site_url(f"{url}{CALENDAR_SLUG}/"),
        "last_published_at": page.last_published_at,
    }


def meeting_out(meeting: Meeting) -> dict:
    return {
        "id": str(meeting.translation_key),
        "group": str(meeting.group.translation_key),
        "group_title": meeting.group.title,
        "title": meeting.title,
        "details": meeting.details,
        "starts_at": meeting.local_start,
        "ends_at": meeting.local_end,
        "time_zone": meeting.time_zone,
        "place": meeting.place or None,
        "online_url": meeting.online_url or None,
        "url": site_url(meeting.group.url or ""),
        "last_modified": meeting.last_modified,
    }


@groups.get(
    "/",
    response={200: list[WorkingGroupOut], **PROBLEMS},
    summary="Working groups",
)
@paginate(LimitOffset)
def group_list(request: HttpRequest, lang: Language | None = None) -> list[dict]:
    """Every working group, by title, with its cities and outputs."""
    answer_in(lang)
    return [group_out(page) for page in groups_in(lang or settings.LANGUAGE_CODE)]


@groups.get(
    "/{id}",
    response={200: WorkingGroupOut, 404: Problem, **PROBLEMS},
    summary="One working group",
)
def group_detail(
    request: HttpRequest,
    response: HttpResponse,
    id: UUID,
    lang: Language | None = None,
) -> dict:
    answer_in(lang)
    found = [
        page
        for page in groups_in(lang or settings.LANGUAGE_CODE)
        if page.translation_key == id
    ]
    if not found:
        raise Http404
    last_modified(response, found[0].last_published_at)
    return group_out(found[0])


def _utc(moment: datetime | date | None, name: str) -> datetime | None:
    """Return ``moment`` in UTC; a date alone is its midnight in UTC."""
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationError(
            [{"loc": ["query", name], "msg": "This time is out of range."}]
        ) from None


# RFC 3339: a full date, or a date and time with its offset; pydantic alone
# would also take a number of seconds since 1970.
RFC_3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([Tt][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2}))?"
)


def _rfc_3339(value: object) -> object:
    if not isinstance(value, str) or not RFC_3339.fullmatch(value):
        raise ValueError("Give a date or a time as in 2030-03-10T14:00:00+01:00.")
    return value


Moment = Annotated[datetime | date, BeforeValidator(_rfc_3339)]


class MeetingFilters(Schema):
    """Which meetings: of one group, and between two times."""

    group: UUID | None = None
    starts: Moment | None = Field(None, alias="from")
    until: Moment | None = Field(None, alias="to")


def _meetings(language: str, group: UUID | None = None) -> list[Meeting]:
    chosen = groups_in(language)
    if group is not None:
        chosen = [page for page in chosen if page.translation_key == group]
    return meetings_for_calendar(groups=chosen) if chosen else []


@meetings.get(
    "/",
    response={200: list[MeetingOut], **PROBLEMS},
    summary="Meetings of the working groups",
)
@paginate(LimitOffset)
def meeting_list(
    request: HttpRequest,
    filters: Query[MeetingFilters],
    lang: Language | None = None,
) -> list[dict]:
    """Meetings to come and past, soonest first.

    ``from`` keeps those not over at that time (``from`` = now: those to
    come); ``to`` those that start before it. A date alone is its midnight
    in UTC. Times are given on the meeting's own clocks, with their offset and
    the IANA time zone.
    """
    answer_in(lang)
    start, end = _utc(filters.starts, "from"), _utc(filters.until, "to")
    return [
        meeting_out(meeting)
        for meeting in _meetings(lang or settings.LANGUAGE_CODE, filters.group)
        if (start is None or meeting.ends_at >= start)
        and (end is None or meeting.starts_at < end)
    ]


@meetings.get(
    "/{id}",
    response={200: MeetingOut, 404: Problem, **PROBLEMS},
    summary="One meeting",
)
def meeting_detail(
    request: HttpRequest,
    response: HttpResponse,
    id: UUID,
    lang: Language | None = None,
) -> dict:
    answer_in(lang)
    found = [
        meeting
        for meeting in _meetings(lang or settings.LANGUAGE_CODE)
        if meeting.translation_key == id
    ]
    if not found:
        raise Http404
    last_modified(response, found[0].last_modified)
    return meeting_out(found[0])

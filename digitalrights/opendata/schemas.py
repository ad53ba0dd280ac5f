"""What the API answers, described once for the code and the OpenAPI file."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import BaseModel


class Plain(BaseModel):
    """An answer our code builds as a dict, checked by pydantic alone.

    django-ninja's ``Schema`` wraps every object it checks so that it can
    read model instances; answers built as dicts do not need it, and on a
    page of 500 answers the wrapping was a third of the time.
    """


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict] | None = None


def site_url(path: str) -> str:
    """Return the absolute address of a path on the public site."""
    from django.conf import settings

    return settings.SITE_URL.rstrip("/") + path


class CityOut(Schema):
    geonameid: int
    name: str
    country_code: str
    country: str
    region_code: str
    region: str
    latitude: float
    longitude: float
    population: int
    is_member: bool
    url: str

    @staticmethod
    def resolve_country(city) -> str:
        return city.country_name

    @staticmethod
    def resolve_region(city) -> str:
        return city.region_name

    @staticmethod
    def resolve_url(city) -> str:
        return site_url(city.get_absolute_url())


class MemberOut(Schema):
    geonameid: int
    name: str
    country_code: str
    country: str
    region_code: str
    status: str
    is_founder: bool
    joined_on: date
    left_on: date | None
    signatory: str
    url: str


class CampaignOut(Schema):
    id: str
    slug: str
    title: str
    target: int
    starts_on: date
    ends_on: date
    joined: int
    left_since: int
    cities: list[int]
    url: str
    badge_url: str


class EndorsementCountOut(Schema):
    geonameid: int
    city: str
    country_code: str
    verified: int
    url: str


class CityRef(Plain):
    """A city an object belongs to or names."""

    geonameid: int
    name: str
    country_code: str
    country: str
    url: str


class TopicRef(Plain):
    """A topic of the coalition's vocabulary, named in ``?lang``."""

    slug: str
    label: str


class LinkOut(Plain):
    url: str
    label: str


class PictureOut(Plain):
    """A picture, as the public page shows it (never the original file)."""

    url: str
    width: int
    height: int
    alt: str
    caption: str


class InitiativeOut(Plain):
    """A published initiative. Texts are plain text in ``language``: never HTML."""

    id: int
    title: str
    summary: str
    body: str
    language: str
    status: str
    status_label: str
    started_on: date | None
    ended_on: date | None
    principles: list[int]
    topics: list[TopicRef]
    city: CityRef
    contact: str | None
    contact_email: str | None
    code_url: str | None
    licence: str | None
    links: list[LinkOut]
    images: list[PictureOut]
    url: str
    published_at: datetime
    updated_at: datetime


class InitiativePage(Plain):
    """One page of initiatives; ``next`` is null on the last."""

    next: str | None
    results: list[InitiativeOut]


class FileOut(Plain):
    """A toolkit file, served at ``/documents/`` (never ``/media/``)."""

    url: str
    size: int | None
    extension: str
    content_type: str


class ResourceOut(Plain):
    """A published toolkit resource: a file, a link or both."""

    id: int
    title: str
    summary: str
    type: str
    type_label: str
    principles: list[int]
    topics: list[TopicRef]
    language: str
    licence: str | None
    source_city: CityRef | None
    source_organisation: str | None
    file: FileOut | None
    link: str | None
    version_date: date
    url: str
    created_at: datetime
    updated_at: datetime


class RegisterEntryOut(Plain):
    """A published entry of a city's algorithm register, in the sections of
    the Eurocities Algorithmic Transparency Standard. Texts are plain text
    in ``language``: never HTML."""

    id: int
    title: str
    summary: str
    language: str
    city: CityRef
    department: str
    status: str
    status_label: str
    started_on: date | None
    retired_on: date | None
    risk: str
    risk_label: str
    purpose: str
    data: str
    uses_personal_data: bool
    how_it_works: str
    supplier: str | None
    code_url: str | None
    human_oversight: str
    objection: str
    contact: str
    contact_email: str | None
    more_info_url: str | None
    url: str
    published_at: datetime
    updated_at: datetime


class RegisterEntryPage(Plain):
    """One page of algorithm register entries; ``next`` is null on the last."""

    next: str | None
    results: list[RegisterEntryOut]


class ResourcePage(Plain):
    """One page of toolkit resources; ``next`` is null on the last."""

    next: str | None
    results: list[ResourceOut]


class WorkingGroupOut(Schema):
    """A working group; ``id`` is the same in every language."""

    id: str
    title: str
    summary: str
    body: str
    language: str
    principle: int | None
    topic: TopicRef | None
    coordinator: CityRef | None
    member_cities: list[CityRef]
    outputs: list[int]
    url: str
    calendar_url: str
    last_published_at: datetime | None


class MeetingOut(Schema):
    """A meeting, its times on its own clocks (ISO 8601 with the offset)."""

    id: str
    group: str
    group_title: str
    title: str
    details: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str | None
    online_url: str | None
    url: str
    last_modified: datetime


class NewsOut(Schema):
    """A news item; ``id`` is the same in every language."""

    id: str
    title: str
    intro: str
    date: date
    language: str
    url: str
    last_published_at: datetime | None

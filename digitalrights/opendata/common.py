"""What every collection of the API shares: languages, errors, dates, cities."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Annotated, Any, Literal

import orjson
from django.conf import global_settings, settings
from django.db import connection
from django.db.models import Choices, F, Model, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from digitalrights.cities.geography import country_name
from digitalrights.cities.models import City
from digitalrights.core.sql import column_name, quoted, table_name
from digitalrights.sitesearch.selectors import Criteria

from .schemas import Problem, site_url

Language = Literal["en", "es", "ca", "fr", "nl"]
# The languages a text may be written in (initiatives, resources), as filters.
WrittenLanguage = Literal[tuple(code for code, _name in global_settings.LANGUAGES)]
Region = Literal["AF", "AN", "AS", "EU", "NA", "OC", "SA"]
PROBLEMS = {400: Problem, 429: Problem}
# The largest id an address may carry: larger numbers name no row, and some
# databases refuse to compare them.
MAX_ID = 2**31 - 1
# How many values one facet may take, as on the site.
MAX_VALUES = 50

Principle = Annotated[int, Field(ge=1, le=5)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,60}$")]
Country = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]
GeonameId = Annotated[int, Field(ge=1, le=MAX_ID)]


class Facets(Schema):
    """Filters with the site's facets and syntax, each repeatable.

    ``?status=running&status=planned``: values of one facet combine with OR,
    facets with AND (``sitesearch``). Each field is named after its facet.
    """

    def criteria(self) -> Criteria:
        """Return the facets as the site's search reads them from its address."""
        selected = {}
        for facet, values in self:
            chosen = [str(value) for value in values or ()]
            if facet == "country":
                chosen = [code.upper() for code in chosen]
            if chosen:
                selected[facet] = tuple(dict.fromkeys(chosen))
        return Criteria(selected=selected)


class Mapped(Sequence):
    """Rows that become answers only when a page is cut from them.

    Give it to a ``LimitOffsetPagination`` view instead of a list, so that
    only the rows of the page asked for are turned into answers: the count
    is the database's, the slice a ``LIMIT``/``OFFSET`` query. With
    ``whole``, a page is read in two steps, as ``keyset.paginate`` does: the
    ids of its rows from ``rows``, then those rows whole from ``whole``.
    """

    def __init__(
        self, rows: QuerySet, out: Callable[[Any], dict], whole: QuerySet | None = None
    ) -> None:
        self.rows = rows
        self.out = out
        self.whole = whole

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self.whole is None:
            return [self.out(row) for row in self.rows[index]]
        ids = list(self.rows.values_list("pk", flat=True)[index])
        found = self.whole.in_bulk(ids)
        return [self.out(found[pk]) for pk in ids if pk in found]


def active_locale():
    """Return the Wagtail locale of the active language, or None if none.

    A site without locales yet (a fresh database) has no pages to list; a
    list of them, or a nightly dump, is empty rather than an error.
    """
    from wagtail.models import Locale

    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def answer_in(lang: str | None) -> None:
    """Answer in ``?lang=``, else English; URLs included.

    Never the browser's language: an answer depends on its address only, so
    that caches can keep it. The language stays active for the rest of the
    request, so that the schemas' resolvers, which run after the view, use
    it too.
    """
    translation.activate(lang or settings.LANGUAGE_CODE)


def last_modified(response: HttpResponse, when: datetime | None) -> None:
    """Say when the object last changed; ConditionalGetMiddleware answers 304.

    Only for one object: a list changes when an object leaves it, which no
    row's time records, so lists rely on their ETag alone.
    """
    if when is not None:
        response["Last-Modified"] = http_date(when.timestamp())


def city_out(city: City, url: str | None = None) -> dict:
    """Return a city as objects refer to it: id, name, country and page
    (``url``, if its address is known already).

    The name is the one the coalition uses for a member (load cities with
    ``select_related("membership")``), else the gazetteer's.
    """
    member = getattr(city, "membership", None)
    return place_out(
        city.geonameid,
        member.name if member is not None else city.name,
        city.country_code,
        url or site_url(city.get_absolute_url()),
    )


def place_out(geonameid: int, name: str, country_code: str, url: str) -> dict:
    """Return a city as objects refer to it, from its values."""
    return {
        "geonameid": geonameid,
        "name": name,
        "country_code": country_code,
        "country": country_name(country_code),
        "url": url,
    }


def topic_out(topic) -> dict:
    """Return a topic of the vocabulary: its slug and name in the language."""
    return {"slug": topic.slug, "label": topic.label}


class Filed:
    """What a page of objects is filed under, and what else each one has.

    The principles and topics of a page of objects (``model``, the owner,
    with many-to-many fields named ``principles`` and ``topics``), and with
    ``links`` and ``pictures`` (models with a foreign key ``owner`` to it,
    ordered by ``position``) their links and pictures, in one query of the
    tables' ids and texts, written once per number of objects
    (``_filed_sql``). The topics' names come from the vocabulary each
    process keeps (``topic_vocabulary``). Prefetched as model objects, they
    cost ten times as much; as one ORM query each, building and compiling
    them took a fifth of a page of 50 initiatives' CPU time
    (``bench/README.md``, ``make bench-api``).

    ``pictures`` holds (image id, alt, caption) by owner; the images
    themselves are the caller's to read, as their renditions need them.
    """

    def __init__(
        self,
        model: type[Model],
        ids: Iterable[int],
        *,
        owner: str = "",
        links: type[Model] | None = None,
        pictures: type[Model] | None = None,
    ) -> None:
        from digitalrights.sitesearch.selectors import topic_vocabulary

        ids = list(ids)
        self.principles: dict[int, list[int]] = defaultdict(list)
        self.topics: dict[int, list[dict]] = defaultdict(list)
        self.links: dict[int, list[dict]] = defaultdict(list)
        self.pictures: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        if not ids:  # PostgreSQL refuses an empty ``IN ()`` (SQLite does not).
            return
        sql, parts = _filed_sql(model, len(ids), owner, links, pictures)
        with connection.cursor() as cursor:
            cursor.execute(sql, ids * parts)
            rows = cursor.fetchall()
        by_id = {topic.pk: topic for topic in topic_vocabulary().values()}
        topics = []
        # Each kind in its own order: by position (links, pictures), by id.
        for kind, key, target, _position, first, second, image in sorted(
            rows, key=lambda row: (row[3], row[2])
        ):
            if kind == "p":
                self.principles[key].append(target)
            elif kind == "t":
                # A topic added since the vocabulary was read is read alone.
                topics.append((key, by_id.get(target) or _topic(target)))
            elif kind == "l":
                self.links[key].append({"url": first, "label": second})
            else:
                self.pictures[key].append((image, first, second))
        answers: dict[int, dict] = {}  # each topic named once a page
        for key, topic in sorted(topics, key=lambda pair: (pair[1].name, pair[1].pk)):
            answer = answers.get(topic.pk)
            if answer is None:
                answer = answers[topic.pk] = topic_out(topic)
            self.topics[key].append(answer)


@functools.lru_cache(maxsize=128)
def _filed_sql(
    model: type[Model],
    count: int,
    owner: str,
    links: type[Model] | None,
    pictures: type[Model] | None,
) -> tuple[str, int]:
    """Return the query of ``Filed`` for ``count`` objects, and how many
    times it lists their ids.

    Every part has the same columns: kind, owner's id, a number (the
    principle's or topic's id, the link's or picture's own), a position,
    two texts and a picture's image. Names come from the models, values
    are parameters.
    """
    ids = ", ".join(["%s"] * count)
    parts = []
    no_id = "CAST(NULL AS integer)"  # PostgreSQL types a bare NULL as text
    for kind, field in (("p", "principles"), ("t", "topics")):
        relation = model._meta.get_field(field)
        through = relation.remote_field.through
        parts.append(
            f"SELECT '{kind}', {quoted(relation.m2m_column_name())},"  # noqa: S608
            f" {quoted(relation.m2m_reverse_name())}, 0, NULL, NULL, {no_id}"
            f" FROM {table_name(through)}"
            f" WHERE {quoted(relation.m2m_column_name())} IN ({ids})"
        )
    if links is not None:
        parts.append(
            f"SELECT 'l', {column_name(links, owner)},"  # noqa: S608
            f" {column_name(links, 'id')}, {column_name(links, 'position')},"
            f" {column_name(links, 'url')}, {column_name(links, 'label')}, {no_id}"
            f" FROM {table_name(links)} WHERE {column_name(links, owner)} IN ({ids})"
        )
    if pictures is not None:
        parts.append(
            f"SELECT 'i', {column_name(pictures, owner)},"  # noqa: S608
            f" {column_name(pictures, 'id')}, {column_name(pictures, 'position')},"
            f" {column_name(pictures, 'alt')},"
            f" {column_name(pictures, 'caption')}, {column_name(pictures, 'image')}"
            f" FROM {table_name(pictures)}"
            f" WHERE {column_name(pictures, owner)} IN ({ids})"
        )
    return " UNION ALL ".join(parts), len(parts)


def choice_label(choices: type[Choices], value: str) -> str:
    """Return the label of ``value`` among ``choices``, or ``value`` itself."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _topic(topic_id: int):
    from digitalrights.core.models import Topic

    return Topic.objects.prefetch_related("names").get(pk=topic_id)


class Addresses:
    """The public addresses of one kind of page, ``…/<id>-<slug>/`` (or
    ``…/<id>/`` with ``slug=False``), for a page of objects: reversed once
    and then filled in, rather than ``reverse()`` for each object (a tenth
    of a list page's time). In the active language, as ``reverse()`` would.
    """

    ID, SLUG = 2147483646, "slug-placeholder"

    def __init__(self, name: str, id_name: str = "pk", *, slug: bool = True) -> None:
        self.name, self.id_name, self.slugged = name, id_name, slug
        kwargs = {id_name: self.ID, "slug": self.SLUG} if slug else {id_name: self.ID}
        marker = f"{self.ID}-{self.SLUG}" if slug else str(self.ID)
        path = reverse(name, kwargs=kwargs)
        self.before, self.after = site_url(path).split(marker)

    def of(self, pk: int, slug: str = "") -> str:
        if not self.slugged:
            return f"{self.before}{int(pk)}{self.after}"
        if not SLUG_PATTERN.fullmatch(slug):  # reverse() says what is wrong
            path = reverse(self.name, kwargs={self.id_name: pk, "slug": slug})
            return site_url(path)
        return f"{self.before}{pk}-{slug}{self.after}"


# What Django's <slug:…> converter takes.
SLUG_PATTERN = re.compile(r"[-a-zA-Z0-9_]+")


# The columns ``with_place`` adds, for a ``.values()`` query of its rows.
PLACE_FIELDS = (
    "_place_geonameid",
    "_place_slug",
    "_place_name",
    "_place_country",
    "_place_display",
)


def with_place(rows: QuerySet, via: str = "city") -> QuerySet:
    """Return ``rows`` with the columns of their city (``via``) that
    ``Places.out_of`` answers, read in the same query (``PLACE_FIELDS``).

    For a page of 50 initiatives, building a city and a member object for
    each (``select_related``) took a quarter of the page's CPU time.
    """
    return rows.annotate(
        _place_geonameid=F(f"{via}__geonameid"),
        _place_slug=F(f"{via}__slug"),
        _place_name=F(f"{via}__name"),
        _place_country=F(f"{via}__country_code"),
        _place_display=F(f"{via}__membership__display_name"),
    )


class Places:
    """Cities as a page's objects refer to them, each answered once a page."""

    def __init__(self) -> None:
        self.known: dict[int, dict] = {}
        self.addresses = Addresses("cities:city_detail", "geonameid")

    def out(self, city: City) -> dict:
        answer = self.known.get(city.geonameid)
        if answer is None:
            url = self.addresses.of(city.geonameid, city.slug or "city")
            answer = self.known[city.geonameid] = city_out(city, url)
        return answer

    def out_of(self, row: dict) -> dict:
        """Return the city of ``row``, a ``.values()`` row of ``with_place``
        with its ``PLACE_FIELDS``, as ``out`` answers it (the name a member
        uses, else the gazetteer's)."""
        geonameid = row["_place_geonameid"]
        answer = self.known.get(geonameid)
        if answer is None:
            answer = self.known[geonameid] = place_out(
                geonameid,
                row["_place_display"] or row["_place_name"],
                row["_place_country"],
                self.addresses.of(geonameid, row["_place_slug"] or "city"),
            )
        return answer


def labels(choices: type[Choices]) -> dict[str, str]:
    """Return the labels of ``choices`` in the active language, by value:
    read once for a page, not once for each of its objects."""
    return {value: str(label) for value, label in choices.choices}


def unchecked(data: dict) -> HttpResponse:
    """Answer ``data`` as django-ninja would, without checking it again.

    For the large lists (initiatives, resources, assessments), too costly to
    check against their schema at every request: a page of 20 assessments
    holds 500 answers, and pydantic's check of them took 6 of 24 ms. The
    same schema is still the OpenAPI description's, and the tests check
    these answers against it (``test_fuzz.py`` with schemathesis, the
    ``test_api_*.py`` files).
    """
    return HttpResponse(to_json(data), content_type="application/json; charset=utf-8")


# What orjson leaves to ``default``: dates and times, so that they are
# written as Django's encoder writes them (milliseconds, "Z" for UTC), and
# what it does not know (lazy translations, decimals, pydantic models).
_DJANGO = NinjaJSONEncoder().default
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def to_json(data: Any) -> bytes:
    """Return ``data`` as JSON (UTF-8), written as django-ninja's encoder
    writes it, by orjson: 20 assessments (240 kB) in a tenth of
    the time the standard library took."""
    return orjson.dumps(data, default=_DJANGO, option=_OPTIONS)


class JSONRenderer(BaseRenderer):
    """django-ninja's JSON renderer, writing with ``to_json``."""

    media_type = "application/json"

    def render(self, request, data: Any, *, response_status: int) -> bytes:
        return to_json(data)


def batches(rows: Iterable, size: int) -> Iterator[list]:
    """Yield ``rows`` in lists of ``size``, the last one shorter."""
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


def absolute(url: str) -> str:
    """Return ``url`` on the public site, unless storage gave a full one."""
    return site_url(url) if url.startswith("/") else url


# The most rows one page of a small collection holds.
MAX_LIMIT = 1000


class LimitOffset(LimitOffsetPagination):
    """``limit`` and ``offset`` with bounds, never passed on as asked.

    A larger ``limit`` is cut to ``MAX_LIMIT``; an ``offset`` past
    ``MAX_ID`` names no row and is refused. PostgreSQL would answer either,
    past 64 bits, with an error instead of a page.
    """

    class Input(Schema):
        limit: int = Field(100, ge=1)
        offset: int = Field(0, ge=0, le=MAX_ID)

    def __init__(self, max_limit: int = MAX_LIMIT, **kwargs) -> None:
        super().__init__(max_limit=max_limit, **kwargs)

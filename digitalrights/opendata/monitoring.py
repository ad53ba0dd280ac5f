"""Progress monitoring as open data: the framework, cycles, assessments, scores.

Only what the public pages of ``/progress/`` show: published assessments
(``monitoring.public_selectors.published``: never a draft, one under review
or sent back, nor reviewers' comments or who typed an answer). Every score
can be computed again from the answers, the indicators' weights and the
levels, by the method of ``/progress/method/`` (``monitoring.scores``);
``opendata/tests/test_api_monitoring.py`` does so.

- ``frameworks/``: every framework version a cycle used, with its levels and
  indicators (``comparable_to``: the indicator of an earlier version asking
  the same, so that answers compare across versions).
- ``cycles/``: the yearly cycles with a published assessment.
- ``assessments/``: published assessments with their answers and evidence,
  newest first; ``?versions=all`` adds versions a correction replaced.
- ``scores/``: one row per city, cycle and principle (and overall), as the
  public pages show them.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from digitalrights.cities.models import City
from digitalrights.core.sql import column_name, table_name
from digitalrights.initiatives.models import Initiative, ModerationState
from digitalrights.monitoring.models import (
    Answer,
    Assessment,
    AssessmentState,
    Cycle,
    EvidenceDocument,
    EvidenceLink,
    FrameworkVersion,
    Indicator,
    Level,
    Score,
)
from digitalrights.monitoring.public_selectors import published
from digitalrights.register.models import AlgorithmEntry, EntryState

from . import keyset
from .common import (
    MAX_ID,
    PROBLEMS,
    Addresses,
    Country,
    GeonameId,
    Language,
    Places,
    answer_in,
    batches,
    last_modified,
    unchecked,
)
from .schemas import CityRef, LinkOut, Plain, Problem, site_url

# An assessment holds 25 answers or more with their evidence: a page of 10
# is 250 answers, about 120 kB (``make bench-api``). The whole set is in the
# dumps.
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
SCORES_PAGE_SIZE = 500
MAX_SCORES_PAGE_SIZE = 5000

frameworks = Router(tags=["monitoring"])
cycles = Router(tags=["monitoring"])
assessments = Router(tags=["monitoring"])
scores = Router(tags=["monitoring"])

NEWEST = keyset.Order("newest", "published_at", datetime, descending=True)
BY_ID = keyset.Order("id", "pk", int)


# Schemas -------------------------------------------------------------------------


class LevelOut(Schema):
    """A maturity level every indicator of the version is answered in."""

    value: int
    name: str
    definition: str
    needs_evidence: bool


class IndicatorOut(Schema):
    id: int
    code: str
    principle: int
    question: str
    guidance: str
    weight: int
    comparable_to: int | None = Field(
        description="The indicator of an earlier version that asks the same."
    )


class FrameworkOut(Schema):
    """A version of the indicator framework, frozen once a cycle used it.

    Its words are written in English, the coalition's working language.
    """

    id: int
    label: str
    notes: str
    based_on: int | None
    frozen_at: datetime | None
    top_level: int = Field(description="The highest level value: scores divide by it.")
    levels: list[LevelOut]
    indicators: list[IndicatorOut]


class CycleOut(Schema):
    id: int
    year: int
    framework: int
    opens_at: datetime
    deadline: datetime
    state: str
    published_assessments: int
    url: str


class EvidenceInitiativeOut(Plain):
    id: int
    title: str
    url: str


class EvidenceRegisterEntryOut(Plain):
    """An entry of the city's algorithm register, while it is published."""

    id: int
    title: str
    url: str


class EvidenceDocumentOut(Plain):
    """A document the city gave as evidence, downloadable from the site."""

    title: str
    url: str
    content_type: str
    size: int


class AnswerOut(Plain):
    indicator: int
    code: str
    principle: int
    level: int | None
    justification: str
    evidence_links: list[LinkOut]
    evidence_initiatives: list[EvidenceInitiativeOut]
    evidence_register_entries: list[EvidenceRegisterEntryOut]
    evidence_documents: list[EvidenceDocumentOut]


class ScoresOut(Plain):
    """Scores out of 100, one decimal, halves up (the method page says how)."""

    overall: Decimal
    principles: dict[str, Decimal]


class AssessmentOut(Plain):
    id: int
    city: CityRef
    year: int
    cycle: int
    framework: int
    version: int
    current: bool = Field(description="False once a correction replaced it.")
    corrects: int | None
    correction_note: str
    published_at: datetime
    scores: ScoresOut | None = Field(
        description=(
            "As the public pages show them; null for a version a correction"
            " replaced (compute them from its answers by the same method)."
        )
    )
    answers: list[AnswerOut]
    url: str


class AssessmentPage(Plain):
    """One page of assessments; ``next`` is null on the last."""

    next: str | None
    results: list[AssessmentOut]


class ScoreOut(Plain):
    id: int
    assessment: int
    city: int = Field(description="The city's GeoNames id.")
    country_code: str
    year: int
    principle: int | None = Field(description="Null for the overall score.")
    score: Decimal


class ScorePage(Plain):
    next: str | None
    results: list[ScoreOut]


# Reading -------------------------------------------------------------------------


def _used_versions() -> QuerySet[FrameworkVersion]:
    """Return the framework versions a cycle with a published assessment used."""
    return FrameworkVersion.objects.filter(
        Exists(
            published().filter(cycle__framework_version=OuterRef("pk")),
        )
    )


def _framework_out(version: FrameworkVersion) -> dict:
    levels = sorted(version.levels.all(), key=lambda level: level.value)
    return {
        "id": version.pk,
        "label": version.label,
        "notes": version.notes,
        "based_on": version.based_on_id,
        "frozen_at": version.frozen_at,
        "top_level": max((level.value for level in levels), default=0),
        "levels": [
            {
                "value": level.value,
                "name": level.name,
                "definition": level.definition,
                "needs_evidence": level.needs_evidence,
            }
            for level in levels
        ],
        "indicators": [
            {
                "id": indicator.pk,
                "code": indicator.code,
                "principle": indicator.principle_id,
                "question": indicator.question,
                "guidance": indicator.guidance,
                "weight": indicator.weight,
                "comparable_to": indicator.comparable_to_id,
            }
            for indicator in version.indicators.all()
        ],
    }


def _with_frameworks(rows: QuerySet[FrameworkVersion]) -> QuerySet[FrameworkVersion]:
    return rows.prefetch_related(
        Prefetch("levels", queryset=Level.objects.order_by("value")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.order_by("principle_id", "sort_order", "pk"),
        ),
    ).order_by("pk")


class _Addresses:
    """The addresses a run of assessments names: their cities' pages and
    progress pages, each reversed once (``common.Addresses``)."""

    def __init__(self) -> None:
        self.places = Places()
        self.progress = Addresses("monitoring:city", "geonameid", slug=False)

    def progress_of(self, city: City, year: int) -> str:
        return f"{self.progress.of(city.geonameid)}?cycle={year}"


def _with_city(rows: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Load the city and cycle an assessment names; ``_assessments_out`` the rest.

    Only the columns an answer shows: the whole rows of an assessment, its
    city, membership and cycle hold four times as many.
    """
    return rows.select_related("city__membership", "cycle").only(*_SHOWN)


_SHOWN = (
    "city_id",
    "cycle_id",
    "version",
    "is_current",
    "corrects_id",
    "correction_note",
    "published_at",
    "city__geonameid",
    "city__name",
    "city__slug",
    "city__country_code",
    "city__membership__display_name",
    "cycle__year",
    "cycle__framework_version_id",
)


def _answers_of(assessments: list[Assessment]) -> list[tuple[int, int, dict]]:
    """Return (assessment id, answer id, answer) of every answer of ``assessments``,
    each assessment's in the framework's order, with its evidence.

    Read as plain rows for all of them at once, in two queries however many
    assessments and answers: a page of 10 assessments has 250 answers, too
    many to build as model objects within the API's time (``make bench-api``).
    """
    ids = [assessment.pk for assessment in assessments]
    rows = list(
        Answer.objects.filter(assessment_id__in=ids)
        .order_by("indicator__principle_id", "indicator__sort_order", "indicator_id")
        .values_list(
            "pk",
            "assessment_id",
            "indicator_id",
            "indicator__code",
            "indicator__principle_id",
            "level",
            "justification",
        )
    )
    evidence = _evidence_of(ids)
    return [
        (
            assessment,
            pk,
            {
                "indicator": indicator,
                "code": code,
                "principle": principle,
                "level": level,
                "justification": justification,
                "evidence_links": evidence["link"][pk],
                "evidence_initiatives": evidence["initiative"][pk],
                "evidence_register_entries": evidence["entry"][pk],
                "evidence_documents": evidence["document"][pk],
            },
        )
        for pk, assessment, indicator, code, principle, level, justification in rows
    ]


@functools.cache
def _evidence_sql(count: int) -> str:
    """Return the query of ``_evidence_of`` for ``count`` assessments' ids.

    Every part has the same columns: kind, answer, position, id, two texts
    and a size. Initiatives and register entries only while published, as
    the pages show them. Names come from the models, values are parameters.
    """
    answers = ", ".join(["%s"] * count)
    initiatives = Answer.initiatives.through
    entries = Answer.register_entries.through
    return (
        f"WITH a AS (SELECT id FROM {table_name(Answer)}"  # noqa: S608
        f" WHERE {column_name(Answer, 'assessment')} IN ({answers}))"
        " SELECT 'link', e.answer_id, e.position, e.id, e.url, e.label, NULL"
        f" FROM {table_name(EvidenceLink)} e WHERE e.answer_id IN (SELECT id FROM a)"
        " UNION ALL"
        " SELECT 'document', e.answer_id, e.position, e.id, e.title,"
        " e.content_type, e.size"
        f" FROM {table_name(EvidenceDocument)} e"
        " WHERE e.answer_id IN (SELECT id FROM a)"
        " UNION ALL"
        " SELECT 'initiative', t.answer_id, 0, i.id, i.title, i.slug, NULL"
        f" FROM {table_name(initiatives)} t JOIN {table_name(Initiative)} i"
        f" ON i.id = t.{column_name(initiatives, 'initiative')}"
        " WHERE t.answer_id IN (SELECT id FROM a) AND i.state = %s"
        " UNION ALL"
        " SELECT 'entry', t.answer_id, 0, r.id, r.title, r.slug, NULL"
        f" FROM {table_name(entries)} t JOIN {table_name(AlgorithmEntry)} r"
        f" ON r.id = t.{column_name(entries, 'algorithmentry')}"
        " WHERE t.answer_id IN (SELECT id FROM a) AND r.state = %s"
    )


def _evidence_of(ids: list[int]) -> dict[str, dict[int, list[dict]]]:
    """Return the evidence of the answers of assessments ``ids``, by kind
    (``link``, ``document``, ``initiative``, ``entry``) and answer id.

    One query for the four kinds, written once (``_evidence_sql``): as four
    ORM queries, or their ``union()``, Django spent 5 ms of a page's 20
    building and compiling them, and PostgreSQL planned four queries.
    """
    rows = []
    if ids:  # PostgreSQL refuses an empty ``IN ()`` (SQLite does not).
        with connection.cursor() as cursor:
            cursor.execute(
                _evidence_sql(len(ids)),
                [*ids, ModerationState.PUBLISHED, EntryState.PUBLISHED],
            )
            rows = cursor.fetchall()
    found = {
        kind: defaultdict(list) for kind in ("link", "document", "initiative", "entry")
    }
    documents_at = Addresses("monitoring:document", slug=False)
    initiatives_at = Addresses("initiatives:detail")
    entries_at = Addresses("register:detail")
    # Each kind's in its own order: by position (links, documents), by id.
    for kind, answer, _position, pk, text, other, size in sorted(
        rows, key=lambda row: (row[2], row[3])
    ):
        if kind == "link":
            item = {"url": text, "label": other}
        elif kind == "document":
            item = {
                "title": text,
                "url": documents_at.of(pk),
                "content_type": other,
                "size": size,
            }
        elif kind == "initiative":
            item = {"id": pk, "title": text, "url": initiatives_at.of(pk, other)}
        else:
            item = {"id": pk, "title": text, "url": entries_at.of(pk, other)}
        found[kind][answer].append(item)
    return found


def _scores_of(assessments: list[Assessment]) -> dict[int, dict]:
    """Return the scores of the current versions among ``assessments``, by id."""
    current = [a.pk for a in assessments if a.is_current]
    found = defaultdict(dict)
    # Unordered: the model's order joins cycles, cities and principles.
    rows = Score.objects.filter(assessment_id__in=current).order_by()
    for assessment, principle, value in rows.values_list(
        "assessment_id", "principle_id", "value"
    ):
        found[assessment][principle] = value
    return {
        assessment: {
            "overall": values[None],
            "principles": {
                str(principle): value
                for principle, value in sorted(
                    (p, v) for p, v in values.items() if p is not None
                )
            },
        }
        for assessment, values in found.items()
        if None in values
    }


def _assessment_out_without_answers(
    assessment: Assessment, addresses: _Addresses
) -> dict:
    return {
        "id": assessment.pk,
        "city": addresses.places.out(assessment.city),
        "year": assessment.cycle.year,
        "cycle": assessment.cycle_id,
        "framework": assessment.cycle.framework_version_id,
        "version": assessment.version,
        "current": assessment.is_current,
        "corrects": assessment.corrects_id,
        "correction_note": assessment.correction_note,
        "published_at": assessment.published_at,
        "url": addresses.progress_of(assessment.city, assessment.cycle.year),
    }


def _assessments_out(assessments: list[Assessment]) -> list[dict]:
    """Return the answers for a page of assessments loaded with ``_with_city``."""
    answers = defaultdict(list)
    for assessment, _pk, answer in _answers_of(assessments):
        answers[assessment].append(answer)
    scores = _scores_of(assessments)
    addresses = _Addresses()
    return [
        {
            **_assessment_out_without_answers(assessment, addresses),
            "scores": scores.get(assessment.pk),
            "answers": answers[assessment.pk],
        }
        for assessment in assessments
    ]


def _published_scores() -> QuerySet:
    """Return the scores the public pages show: of current published versions.

    As plain rows (``_score_out`` names them): a page holds 500.
    """
    return Score.objects.filter(
        assessment__state=AssessmentState.PUBLISHED, assessment__is_current=True
    ).values(
        "id",
        "assessment_id",
        "principle_id",
        "value",
        "city__geonameid",
        "city__country_code",
        "cycle__year",
    )


def _score_out(score: dict) -> dict:
    return {
        "id": score["id"],
        "assessment": score["assessment_id"],
        "city": score["city__geonameid"],
        "country_code": score["city__country_code"],
        "year": score["cycle__year"],
        "principle": score["principle_id"],
        "score": score["value"],
    }


def published_versions(versions: str = "current") -> QuerySet[Assessment]:
    """Return published assessments; with ``all``, replaced versions too."""
    if versions == "all":
        rows = Assessment.objects.filter(state=AssessmentState.PUBLISHED)
    else:
        rows = published()
    return rows.filter(published_at__isnull=False)


# Bulk data (opendata.dumps): the same objects, one table each -------------------


class FrameworkRow(Schema):
    """A framework version; its levels as a JSON array."""

    id: int
    label: str
    notes: str
    based_on: int | None
    frozen_at: datetime | None
    top_level: int
    levels: list[LevelOut]


class IndicatorRow(IndicatorOut):
    framework: int


class AssessmentRow(Schema):
    """A published assessment; its answers are in the answers table."""

    id: int
    city: CityRef
    year: int
    cycle: int
    framework: int
    version: int
    current: bool
    corrects: int | None
    correction_note: str
    published_at: datetime
    url: str


class AnswerRow(AnswerOut):
    id: int
    assessment: int


def framework_rows() -> Iterator[dict]:
    for version in _with_frameworks(_used_versions()):
        answer = _framework_out(version)
        del answer["indicators"]  # the indicators table holds them
        yield answer


def indicator_rows() -> Iterator[dict]:
    for version in _with_frameworks(_used_versions()):
        for indicator in _framework_out(version)["indicators"]:
            yield {**indicator, "framework": version.pk}


def assessment_rows() -> Iterator[dict]:
    rows = published_versions("all").select_related("city__membership", "cycle")
    addresses = _Addresses()
    for assessment in rows.order_by("-published_at", "-pk").iterator(chunk_size=500):
        yield _assessment_out_without_answers(assessment, addresses)


def answer_rows() -> Iterator[dict]:
    rows = published_versions("all").order_by("-published_at", "-pk")
    for batch in batches(rows.iterator(chunk_size=200), 200):
        for assessment, pk, answer in _answers_of(batch):
            yield {**answer, "id": pk, "assessment": assessment}


def score_rows() -> Iterator[dict]:
    rows = _published_scores().order_by("pk")
    for score in rows.iterator(chunk_size=2000):
        yield _score_out(score)


# Endpoints -----------------------------------------------------------------------


@frameworks.get(
    "/", response={200: list[FrameworkOut], **PROBLEMS}, summary="Framework versions"
)
def framework_list(request: HttpRequest, lang: Language | None = None) -> list[dict]:
    """Every framework version a published assessment answered, oldest first."""
    answer_in(lang)
    return [_framework_out(v) for v in _with_frameworks(_used_versions())]


@frameworks.get(
    "/{id}",
    response={200: FrameworkOut, 404: Problem, **PROBLEMS},
    summary="One framework version",
)
def framework_detail(
    request: HttpRequest,
    id: int = Path(..., ge=1, le=MAX_ID),
    lang: Language | None = None,
) -> dict:
    version = _with_frameworks(_used_versions().filter(pk=id)).first()
    if version is None:
        raise Http404
    answer_in(lang)
    return _framework_out(version)


@cycles.get("/", response={200: list[CycleOut], **PROBLEMS}, summary="Yearly cycles")
def cycle_list(request: HttpRequest, lang: Language | None = None) -> list[dict]:
    """The yearly cycles with a published assessment, oldest first."""
    answer_in(lang)
    rows = (
        Cycle.objects.filter(Exists(published().filter(cycle=OuterRef("pk"))))
        .annotate(
            published_count=Count(
                "assessments",
                filter=Q(
                    assessments__state=AssessmentState.PUBLISHED,
                    assessments__is_current=True,
                ),
            )
        )
        .order_by("year")
    )
    overview = site_url(reverse("monitoring:overview"))
    return [
        {
            "id": cycle.pk,
            "year": cycle.year,
            "framework": cycle.framework_version_id,
            "opens_at": cycle.opens_at,
            "deadline": cycle.deadline,
            "state": cycle.state,
            "published_assessments": cycle.published_count,
            "url": f"{overview}?cycle={cycle.year}",
        }
        for cycle in rows
    ]


@assessments.get(
    "/",
    response={200: AssessmentPage, **PROBLEMS},
    summary="Published assessments",
)
def assessment_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1900, le=2999),
    city: GeonameId | None = None,
    country: Country | None = None,
    versions: Literal["current", "all"] = "current",
    cursor: str | None = Query(None, max_length=keyset.MAX_CURSOR_LENGTH),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    lang: Language | None = None,
) -> dict:
    """Published self-assessments with every answer and its evidence, newest first.

    ``year`` (the cycle's), ``city`` (GeoNames id) and ``country`` narrow
    the list. Follow ``next`` for the next page.
    """
    answer_in(lang)
    rows = published_versions(versions)
    if year is not None:
        # By the cycle's id, which its index (``assessment_current_by_cycle``)
        # leads with: through a join, PostgreSQL walked every later cycle.
        cycle = Cycle.objects.filter(year=year).values_list("pk", flat=True).first()
        rows = rows.filter(cycle_id=cycle) if cycle else rows.none()
    if city is not None:
        rows = rows.filter(city__geonameid=city)
    if country is not None:
        rows = rows.filter(city__country_code=country.upper())
    # In one query: the page's rows are narrow (``_with_city``), and the
    # indexes of the newest first find them without reading others.
    page, following = keyset.paginate(
        request,
        _with_city(rows),
        order=NEWEST,
        cursor=cursor,
        size=page_size,
        ids_first=False,
    )
    return unchecked({"next": following, "results": _assessments_out(page)})


@assessments.get(
    "/{id}",
    response={200: AssessmentOut, 404: Problem, **PROBLEMS},
    summary="One published assessment",
)
def assessment_detail(
    request: HttpRequest,
    response: HttpResponse,
    id: int = Path(..., ge=1, le=MAX_ID),
    lang: Language | None = None,
) -> dict:
    assessment = _with_city(published_versions("all").filter(pk=id)).first()
    if assessment is None:
        raise Http404
    answer_in(lang)
    # Published assessments never change; a correction is a new one.
    last_modified(response, assessment.published_at)
    return _assessments_out([assessment])[0]


@scores.get("/", response={200: ScorePage, **PROBLEMS}, summary="Scores")
def score_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1900, le=2999),
    city: GeonameId | None = None,
    country: Country | None = None,
    principle: int | None = Query(
        None, ge=0, le=5, description="1 to 5, or 0 for the overall score."
    ),
    cursor: str | None = Query(None, max_length=keyset.MAX_CURSOR_LENGTH),
    page_size: int = Query(SCORES_PAGE_SIZE, ge=1, le=MAX_SCORES_PAGE_SIZE),
) -> dict:
    """Every published score: per city, cycle and principle, and overall.

    The current version of each city's assessment only, as the public pages
    show them.
    """
    rows = _published_scores()
    if year is not None:
        rows = rows.filter(cycle__year=year)
    if city is not None:
        rows = rows.filter(city__geonameid=city)
    if country is not None:
        rows = rows.filter(city__country_code=country.upper())
    if principle == 0:
        rows = rows.filter(principle__isnull=True)
    elif principle is not None:
        rows = rows.filter(principle_id=principle)
    page, following = keyset.paginate(
        request, rows, order=BY_ID, cursor=cursor, size=page_size, ids_first=False
    )
    return {"next": following, "results": [_score_out(score) for score in page]}

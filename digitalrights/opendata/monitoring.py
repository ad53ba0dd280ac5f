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

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from digitalrights.cities.models import City
from digitalrights.initiatives.models import Initiative
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

from . import keyset
from .common import (
    MAX_ID,
    PROBLEMS,
    Country,
    GeonameId,
    Language,
    answer_in,
    city_out,
    last_modified,
)
from .schemas import CityRef, LinkOut, Problem, site_url

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
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


class EvidenceInitiativeOut(Schema):
    id: int
    title: str
    url: str


class EvidenceDocumentOut(Schema):
    """A document the city gave as evidence, downloadable from the site."""

    title: str
    url: str
    content_type: str
    size: int


class AnswerOut(Schema):
    indicator: int
    code: str
    principle: int
    level: int | None
    justification: str
    evidence_links: list[LinkOut]
    evidence_initiatives: list[EvidenceInitiativeOut]
    evidence_documents: list[EvidenceDocumentOut]


class ScoresOut(Schema):
    """Scores out of 100, one decimal, halves up (the method page says how)."""

    overall: Decimal
    principles: dict[str, Decimal]


class AssessmentOut(Schema):
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


class AssessmentPage(Schema):
    """One page of assessments; ``next`` is null on the last."""

    next: str | None
    results: list[AssessmentOut]


class ScoreOut(Schema):
    id: int
    assessment: int
    city: int = Field(description="The city's GeoNames id.")
    country_code: str
    year: int
    principle: int | None = Field(description="Null for the overall score.")
    score: Decimal


class ScorePage(Schema):
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


def _progress_url(city: City, year: int) -> str:
    path = reverse("monitoring:city", kwargs={"geonameid": city.geonameid})
    return site_url(f"{path}?cycle={year}")


def _with_answers(rows: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Load what an assessment's answer shows, in a fixed number of queries."""
    answers = (
        Answer.objects.select_related("indicator")
        .prefetch_related(
            Prefetch("links", queryset=EvidenceLink.objects.order_by("position", "pk")),
            Prefetch(
                "documents",
                queryset=EvidenceDocument.objects.only(
                    "pk", "answer_id", "title", "content_type", "size", "position"
                ).order_by("position", "pk"),
            ),
            Prefetch(
                "initiatives",
                # Only initiatives the public can still read, as the pages do.
                queryset=Initiative.objects.published()
                .only("pk", "title", "slug")
                .order_by("pk"),
            ),
        )
        .order_by("indicator__principle_id", "indicator__sort_order", "indicator_id")
    )
    return rows.select_related("city__membership", "cycle").prefetch_related(
        Prefetch("answers", queryset=answers),
        Prefetch("scores", queryset=Score.objects.order_by("principle_id")),
    )


def _scores_out(assessment: Assessment) -> dict | None:
    rows = list(assessment.scores.all()) if assessment.is_current else []
    overall = [row.value for row in rows if row.principle_id is None]
    if not overall:
        return None
    return {
        "overall": overall[0],
        "principles": {
            str(row.principle_id): row.value
            for row in rows
            if row.principle_id is not None
        },
    }


def _answers_out(assessment: Assessment) -> list[dict]:
    return [
        {
            "indicator": answer.indicator_id,
            "code": answer.indicator.code,
            "principle": answer.indicator.principle_id,
            "level": answer.level,
            "justification": answer.justification,
            "evidence_links": [
                {"url": link.url, "label": link.label} for link in answer.links.all()
            ],
            "evidence_initiatives": [
                {
                    "id": initiative.pk,
                    "title": initiative.title,
                    "url": site_url(initiative.get_absolute_url()),
                }
                for initiative in answer.initiatives.all()
            ],
            "evidence_documents": [
                {
                    "title": document.title,
                    "url": site_url(
                        reverse("monitoring:document", kwargs={"pk": document.pk})
                    ),
                    "content_type": document.content_type,
                    "size": document.size,
                }
                for document in answer.documents.all()
            ],
        }
        for answer in assessment.answers.all()
    ]


def _assessment_out_without_answers(assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "city": city_out(assessment.city),
        "year": assessment.cycle.year,
        "cycle": assessment.cycle_id,
        "framework": assessment.cycle.framework_version_id,
        "version": assessment.version,
        "current": assessment.is_current,
        "corrects": assessment.corrects_id,
        "correction_note": assessment.correction_note,
        "published_at": assessment.published_at,
        "url": _progress_url(assessment.city, assessment.cycle.year),
    }


def _assessment_out(assessment: Assessment) -> dict:
    return {
        **_assessment_out_without_answers(assessment),
        "scores": _scores_out(assessment),
        "answers": _answers_out(assessment),
    }


def _published_scores() -> QuerySet[Score]:
    """Return the scores the public pages show: of current published versions."""
    return (
        Score.objects.filter(
            assessment__state=AssessmentState.PUBLISHED, assessment__is_current=True
        )
        .select_related("city", "cycle")
        .only(
            "assessment_id",
            "principle_id",
            "value",
            "city__geonameid",
            "city__country_code",
            "cycle__year",
        )
    )


def _score_out(score: Score) -> dict:
    return {
        "id": score.pk,
        "assessment": score.assessment_id,
        "city": score.city.geonameid,
        "country_code": score.city.country_code,
        "year": score.cycle.year,
        "principle": score.principle_id,
        "score": score.value,
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
    for assessment in rows.order_by("-published_at", "-pk").iterator(chunk_size=500):
        yield _assessment_out_without_answers(assessment)


def answer_rows() -> Iterator[dict]:
    rows = _with_answers(published_versions("all")).order_by("-published_at", "-pk")
    for assessment in rows.iterator(chunk_size=200):
        for answer, out in zip(
            assessment.answers.all(), _answers_out(assessment), strict=True
        ):
            yield {**out, "id": answer.pk, "assessment": assessment.pk}


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
        rows = rows.filter(cycle__year=year)
    if city is not None:
        rows = rows.filter(city__geonameid=city)
    if country is not None:
        rows = rows.filter(city__country_code=country.upper())
    page, following = keyset.paginate(
        request, _with_answers(rows), order=NEWEST, cursor=cursor, size=page_size
    )
    return {"next": following, "results": [_assessment_out(a) for a in page]}


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
    assessment = _with_answers(published_versions("all").filter(pk=id)).first()
    if assessment is None:
        raise Http404
    answer_in(lang)
    # Published assessments never change; a correction is a new one.
    last_modified(response, assessment.published_at)
    return _assessment_out(assessment)


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
        request, rows, order=BY_ID, cursor=cursor, size=page_size
    )
    return {"next": following, "results": [_score_out(score) for score in page]}

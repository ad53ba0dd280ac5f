"""What the public sees of monitoring: published, current assessments only.

Every query here filters on ``Assessment.is_current`` (the published version
the public sees; a published correction replaces the version it corrects) or
on ``Score``, which holds rows for those versions only. Each page makes a
fixed number of queries, however many cities and indicators there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from digitalrights.cities.models import City
from digitalrights.initiatives.models import Initiative
from digitalrights.register.models import AlgorithmEntry

from .models import (
    Answer,
    Assessment,
    AssessmentState,
    Cycle,
    EvidenceDocument,
    EvidenceLink,
    Indicator,
    Level,
    Score,
)
from .scores import ScoredAnswer, Side

# Score bands of the coalition-wide distributions: [0, 20), [20, 40) … [80, 100].
BANDS = [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100)]


def published() -> QuerySet[Assessment]:
    """Return the assessments the public sees: published, current versions."""
    return Assessment.objects.filter(state=AssessmentState.PUBLISHED, is_current=True)


# Cycles -------------------------------------------------------------------------


def cycles_published() -> list[Cycle]:
    """Return the cycles with a published assessment, oldest first, counted."""
    return list(
        Cycle.objects.filter(Exists(published().filter(cycle=OuterRef("pk"))))
        .select_related("framework_version")
        .annotate(
            published_count=Count(
                "assessments",
                filter=Q(assessments__is_current=True),
            )
        )
        .order_by("year")
    )


def version_levels(version_id: int) -> list[Level]:
    return list(Level.objects.filter(framework_version_id=version_id).order_by("value"))


def version_indicators(version_id: int) -> list[Indicator]:
    return list(
        Indicator.objects.filter(framework_version_id=version_id)
        .select_related("comparable_to")
        .order_by("principle_id", "sort_order", "pk")
    )


def indicators_comparable_to() -> dict[int, int | None]:
    """Return every indicator's earlier counterpart (``comparable_to``), by id."""
    return dict(
        Indicator.objects.order_by().values_list("pk", "comparable_to_id").distinct()
    )


# A city ---------------------------------------------------------------------------


def city_with_progress(geonameid: int) -> City | None:
    """Return the city if it has a published assessment, else None."""
    return (
        City.objects.filter(geonameid=geonameid)
        .filter(Exists(published().filter(city=OuterRef("pk"))))
        .select_related("membership")
        .first()
    )


def city_assessments(city: City) -> list[Assessment]:
    """Return the city's published, current assessments, oldest cycle first."""
    return list(
        published()
        .filter(city=city)
        .select_related("cycle", "cycle__framework_version", "corrects")
        .order_by("cycle__year")
    )


def city_scores(city: City) -> dict[tuple[int, int | None], Score]:
    """Return the city's scores by (cycle id, principle; None for overall)."""
    return {
        (score.cycle_id, score.principle_id): score
        for score in Score.objects.filter(city=city)
    }


def assessment_answers(assessment: Assessment) -> list[Answer]:
    """Return the answers with their evidence, in the framework's order.

    Only initiatives and register entries that are still published are shown
    as evidence.
    """
    return list(
        Answer.objects.filter(assessment=assessment)
        .select_related("indicator")
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
                queryset=Initiative.objects.published()
                .only("pk", "title", "slug")
                .order_by("title"),
            ),
            Prefetch(
                "register_entries",
                queryset=AlgorithmEntry.objects.published()
                .only("pk", "title", "slug")
                .order_by("title"),
            ),
        )
        .order_by("indicator__principle_id", "indicator__sort_order", "indicator_id")
    )


def side_of(
    assessment: Assessment, answers: list[Answer] | None = None
) -> tuple[Side, list[int]]:
    """Return what ``scores.comparison`` needs of an assessment, and its indicators.

    With ``answers`` (already loaded, with their indicators), no query is made
    for them.
    """
    version_id = assessment.cycle.framework_version_id
    indicators = list(
        Indicator.objects.filter(framework_version_id=version_id)
        .order_by("principle_id", "sort_order", "pk")
        .values_list("pk", "principle_id", "weight", "code")
    )
    if answers is None:
        levels = dict(
            Answer.objects.filter(assessment=assessment).values_list(
                "indicator_id", "level"
            )
        )
    else:
        levels = {answer.indicator_id: answer.level for answer in answers}
    level_values = frozenset(
        Level.objects.filter(framework_version_id=version_id).values_list(
            "value", flat=True
        )
    )
    side = Side(
        answers=[
            ScoredAnswer(pk, principle, weight, levels.get(pk))
            for pk, principle, weight, _code in indicators
        ],
        codes={pk: code for pk, _principle, _weight, code in indicators},
        top=max(level_values, default=0),
        levels=level_values,
    )
    return side, [pk for pk, *_rest in indicators]


# The coalition -------------------------------------------------------------------


def level_counts(cycle: Cycle) -> dict[tuple[int, int | None], int]:
    """Return how many cities answered each level, by (indicator, level)."""
    rows = (
        Answer.objects.filter(assessment__in=published().filter(cycle=cycle))
        .values("indicator_id", "level")
        .annotate(cities=Count("pk"))
        .order_by()
    )
    return {(row["indicator_id"], row["level"]): row["cities"] for row in rows}


def score_bands(cycle: Cycle) -> dict[tuple[int | None, int], int]:
    """Return how many cities scored in each band, by (principle, band index)."""
    last = len(BANDS) - 1
    band = Case(
        *[
            When(value__lt=high, then=Value(i))
            for i, (_low, high) in enumerate(BANDS[:-1])
        ],
        default=Value(last),
        output_field=IntegerField(),
    )
    rows = (
        Score.objects.filter(cycle=cycle)
        .annotate(band=band)
        .values("principle_id", "band")
        .annotate(cities=Count("pk"))
        .order_by()
    )
    return {(row["principle_id"], row["band"]): row["cities"] for row in rows}


def score_means() -> dict[tuple[int, int | None], float]:
    """Return the mean published score by (cycle id, principle; None overall)."""
    rows = (
        Score.objects.values("cycle_id", "principle_id")
        .annotate(mean=Avg("value"))
        .order_by()
    )
    return {(row["cycle_id"], row["principle_id"]): float(row["mean"]) for row in rows}


@dataclass(frozen=True)
class CityScore:
    geonameid: int
    name: str
    value: Decimal


def cycle_cities(cycle: Cycle) -> list[CityScore]:
    """Return each city's overall score in the cycle, by city name.

    Plain values, not model instances: the list has every city of a cycle.
    """
    return [
        CityScore(*row)
        for row in Score.objects.filter(cycle=cycle, principle__isnull=True)
        .order_by("city__name", "city_id")
        .values_list("city__geonameid", "city__name", "value")
    ]


@dataclass(frozen=True)
class PracticeCity:
    indicator_id: int
    geonameid: int
    name: str
    level: int


def practice_cities(
    cycle: Cycle, indicator_ids: list[int], *, lowest_level: int, limit: int
) -> list[PracticeCity]:
    """Return up to ``limit`` cities per indicator answering ``lowest_level`` or up."""
    rows = (
        Answer.objects.filter(
            assessment__in=published().filter(cycle=cycle),
            indicator_id__in=indicator_ids,
            level__gte=lowest_level,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("indicator_id")],
                order_by=[F("assessment__city__name").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=limit)
        .values_list(
            "indicator_id",
            "assessment__city__geonameid",
            "assessment__city__name",
            "level",
        )
        .order_by("indicator_id", "rank")
    )
    return [PracticeCity(*row) for row in rows]


@dataclass(frozen=True)
class PracticeInitiative:
    indicator_id: int
    pk: int
    slug: str
    title: str


def practice_initiatives(
    cycle: Cycle, indicator_ids: list[int], *, limit: int
) -> list[PracticeInitiative]:
    """Return up to ``limit`` published initiatives per indicator given as evidence."""
    through = Answer.initiatives.through
    rows = (
        through.objects.filter(
            answer__assessment__in=published().filter(cycle=cycle),
            answer__indicator_id__in=indicator_ids,
            initiative__in=Initiative.objects.published(),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("answer__indicator_id")],
                order_by=[F("initiative__title").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=limit)
        .values_list(
            "answer__indicator_id",
            "initiative_id",
            "initiative__slug",
            "initiative__title",
        )
        .order_by("answer__indicator_id", "rank")
    )
    return [PracticeInitiative(*row) for row in rows]


@dataclass(frozen=True)
class PracticeRegisterEntry:
    indicator_id: int
    pk: int
    slug: str
    title: str


def practice_register_entries(
    cycle: Cycle, indicator_ids: list[int], *, limit: int
) -> list[PracticeRegisterEntry]:
    """Return up to ``limit`` published register entries per indicator cited."""
    through = Answer.register_entries.through
    rows = (
        through.objects.filter(
            answer__assessment__in=published().filter(cycle=cycle),
            answer__indicator_id__in=indicator_ids,
            algorithmentry__in=AlgorithmEntry.objects.published(),
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("answer__indicator_id")],
                order_by=[F("algorithmentry__title").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=limit)
        .values_list(
            "answer__indicator_id",
            "algorithmentry_id",
            "algorithmentry__slug",
            "algorithmentry__title",
        )
        .order_by("answer__indicator_id", "rank")
    )
    return [PracticeRegisterEntry(*row) for row in rows]


# Comparing cities ----------------------------------------------------------------


def cities_by_geonameid(geonameids: list[int]) -> dict[int, City]:
    return {
        city.geonameid: city for city in City.objects.filter(geonameid__in=geonameids)
    }


def cycle_assessments_of(cycle: Cycle, cities: list[City]) -> dict[int, Assessment]:
    """Return the published assessment of each city in the cycle, by city id."""
    return {
        assessment.city_id: assessment
        for assessment in published()
        .filter(cycle=cycle, city__in=cities)
        .select_related("corrects")
    }


def scores_of(cycle: Cycle, cities: list[City]) -> dict[tuple[int, int | None], Score]:
    return {
        (score.city_id, score.principle_id): score
        for score in Score.objects.filter(cycle=cycle, city__in=cities)
    }


def levels_of(assessments: list[Assessment]) -> dict[tuple[int, int], int | None]:
    """Return the level of each answer by (assessment, indicator)."""
    return {
        (assessment_id, indicator_id): level
        for assessment_id, indicator_id, level in Answer.objects.filter(
            assessment__in=assessments
        ).values_list("assessment_id", "indicator_id", "level")
    }

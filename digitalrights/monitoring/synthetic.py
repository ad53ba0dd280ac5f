"""A large synthetic monitoring data set, for benchmarks and development only.

``synthetic_load`` makes what years of real monitoring would leave behind:
two framework versions (the second based on the first, each indicator mapped
to the one it copies but for one new question), a closed yearly cycle per
year, and for each of the member cities a published, current assessment per
cycle, with an answer per indicator, evidence where the level asks for it,
the principles' reviews and the history a real publication writes.

Levels are spread as real ones would be: each city starts from its own
maturity, each indicator is harder or easier, and from one year to the next
answers mostly rise, now and then fall back. Everything follows from the
seed: the same seed gives each city the same answers in any database that
has the same cities (the initiatives cited are the city's own, if any).
Rows are written with ``bulk_create``, in one transaction: a load is whole
or absent, and a second load is refused.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction

from digitalrights.cities.models import City
from digitalrights.initiatives.models import Initiative, ModerationState
from digitalrights.sitesearch.synthetic import TextMaker, members_make

from .models import (
    Answer,
    Assessment,
    AssessmentEvent,
    AssessmentState,
    Cycle,
    CycleState,
    EventKind,
    EvidenceLink,
    FrameworkVersion,
    Indicator,
    Level,
    PrincipleReview,
    ReviewDecision,
)

FIRST_LABEL = "Synthetic 1"
SECOND_LABEL = "Synthetic 2"
LAST_YEAR = 2025
# Assessments per transaction round trip: 200 cities × 25 indicators = 5,000
# answers, small enough for SQLite's variable limit once Django splits it.
CITY_BATCH = 200
INSERT_BATCH = 5000

LEVELS = [
    (0, "None", "Nothing has been done or decided on this yet.", False),
    (1, "Planned", "A plan, budget or council decision exists.", False),
    (2, "Started", "The work has started but does not reach everyone yet.", False),
    (3, "In place", "It is done and running for everyone it should reach.", True),
    (
        4,
        "In place and independently evaluated",
        "It is in place, and an independent body has evaluated it.",
        True,
    ),
]
TOP_LEVEL = LEVELS[-1][0]
NEEDS_EVIDENCE = {value for value, _name, _text, needs in LEVELS if needs}
LINK_KINDS = [
    "Council decision",
    "Annual report",
    "Audit report",
    "Policy document",
    "Public register",
    "Evaluation by a university",
]


class SyntheticDataExists(RuntimeError):
    """The data set, or a cycle of one of its years, is already there."""


@dataclass
class Loaded:
    """What a load made, counted."""

    cities: int = 0
    versions: int = 0
    cycles: int = 0
    indicators: int = 0
    assessments: int = 0
    answers: int = 0
    links: int = 0
    evidence_initiatives: int = 0
    reviews: int = 0
    events: int = 0
    # Rows scores.scores_rebuild wrote: of every published assessment.
    scores: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def _years(cycles: int, last_year: int) -> list[int]:
    return list(range(last_year - cycles + 1, last_year + 1))


def _refuse_if_loaded(years: list[int]) -> None:
    labels = list(
        FrameworkVersion.objects.filter(label__in=[FIRST_LABEL, SECOND_LABEL])
        .order_by("label")
        .values_list("label", flat=True)
    )
    if labels:
        raise SyntheticDataExists(
            f"The synthetic monitoring data set is already loaded (framework"
            f" version “{labels[0]}” exists). Load it into a fresh database,"
            f" or remove the database and start again."
        )
    taken = sorted(Cycle.objects.filter(year__in=years).values_list("year", flat=True))
    if taken:
        raise SyntheticDataExists(
            f"This database already has monitoring cycles for"
            f" {', '.join(map(str, taken))}; synthetic cycles would take the"
            f" same years. Use a fresh database, or choose other years with"
            f" --last-year."
        )


def _principles_of(indicators: int) -> list[int]:
    """Spread ``indicators`` over the five principles, in blocks, as equal as can be."""
    per, extra = divmod(indicators, 5)
    principles: list[int] = []
    for principle in range(1, 6):
        principles += [principle] * (per + (1 if principle <= extra else 0))
    return principles


def _versions_make(indicators: int, text: TextMaker, rng: random.Random, stamp):
    """Make both framework versions; return each one's indicators, in order.

    The second maps every indicator to the first's at the same place, but
    for its last question, which is new (nothing comparable before it).
    Some indicators of the second count double.
    """
    versions = []
    for label, based_on in ((FIRST_LABEL, None), (SECOND_LABEL, "first")):
        version = FrameworkVersion(
            label=label,
            notes="Synthetic framework for benchmarks: not the coalition's text.",
            based_on=versions[0][0] if based_on else None,
            created_at=stamp + timedelta(days=365 * len(versions)),
        )
        version.full_clean()
        version.save()
        Level.objects.bulk_create(
            Level(
                framework_version=version,
                value=value,
                name=name,
                definition=definition,
                needs_evidence=needs,
                sort_order=order,
            )
            for order, (value, name, definition, needs) in enumerate(LEVELS)
        )
        first = versions[0][1] if versions else None
        rows = []
        counts: dict[int, int] = defaultdict(int)
        for position, principle in enumerate(_principles_of(indicators)):
            counts[principle] += 1
            new = first is not None and position == indicators - 1
            rows.append(
                Indicator(
                    framework_version=version,
                    principle_id=principle,
                    code=f"{principle}.{counts[principle] + (1 if new else 0)}",
                    question=text.sentence(8, 14).rstrip(".") + "?",
                    guidance=text.paragraph(2),
                    weight=2 if first is not None and rng.random() < 0.2 else 1,
                    comparable_to=None if first is None or new else first[position],
                    sort_order=position,
                )
            )
        made = Indicator.objects.bulk_create(rows)
        versions.append((version, made))
    return versions


def _cycles_make(years: list[int], versions) -> list[Cycle]:
    """Make a closed cycle per year: the first half in the first version."""
    split = math.ceil(len(years) / 2)
    cycles = []
    for i, year in enumerate(years):
        version = versions[0][0] if i < split else versions[1][0]
        cycle = Cycle(
            year=year,
            framework_version=version,
            opens_at=datetime(year, 1, 15, 9, tzinfo=UTC),
            deadline=datetime(year, 4, 30, 22, tzinfo=UTC),
            state=CycleState.CLOSED,
            created_at=datetime(year, 1, 10, 9, tzinfo=UTC),
            closed_at=datetime(year, 12, 1, 9, tzinfo=UTC),
        )
        cycle.full_clean()
        cycle.save()
        cycles.append(cycle)
        if version.frozen_at is None:
            version.frozen_at = cycle.opens_at
            version.save(update_fields=["frozen_at"])
    return cycles


class LevelWalk:
    """Each city's level per indicator, year after year: mostly rising."""

    def __init__(self, cities: list[City], indicators: int, rng: random.Random):
        self.rng = rng
        # A city's maturity and an indicator's difficulty, in levels.
        self.maturity = {city.pk: rng.betavariate(2, 3) * 3 for city in cities}
        self.difficulty = [rng.uniform(-0.8, 1.2) for _ in range(indicators)]
        self.levels: dict[tuple[int, int], int] = {}

    def next(self, city_id: int, indicator: Indicator, position: int) -> int:
        """Return the city's level this year on ``indicator`` (at ``position``).

        An indicator mapped to an earlier one carries on from that one's
        level; a new question starts from the city's maturity.
        """
        rng = self.rng
        key = (city_id, indicator.comparable_to_id or indicator.pk)
        level = self.levels.get(key)
        if level is None:
            start = self.maturity[city_id] - self.difficulty[position]
            level = round(rng.gauss(start, 0.7))
        else:
            # Each step up is harder than the last; a few cities slip back.
            step = rng.random()
            rise = 0.3 * (1 - level / (TOP_LEVEL + 1))
            if step < rise:
                level += 1
            elif step < rise + 0.04:
                level -= 1
        level = max(0, min(TOP_LEVEL, level))
        self.levels[key] = level
        return level


def _moment(rng: random.Random, start: datetime, days: int) -> datetime:
    return start + timedelta(minutes=rng.randint(0, days * 24 * 60))


def _cycle_load(
    cycle: Cycle,
    indicators: list[Indicator],
    cities: list[City],
    walk: LevelWalk,
    evidence: dict[int, list[int]],
    text: TextMaker,
    rng: random.Random,
    loaded: Loaded,
) -> None:
    year = cycle.year
    principles = sorted({indicator.principle_id for indicator in indicators})
    answer_through = Answer.initiatives.through
    for start in range(0, len(cities), CITY_BATCH):
        batch = cities[start : start + CITY_BATCH]
        assessments = []
        for city in batch:
            created = _moment(rng, cycle.opens_at, 30)
            submitted = _moment(rng, created + timedelta(days=5), 60)
            accepted = _moment(rng, datetime(year, 5, 10, tzinfo=UTC), 40)
            published = _moment(rng, datetime(year, 7, 1, tzinfo=UTC), 60)
            assessments.append(
                Assessment(
                    city=city,
                    cycle=cycle,
                    state=AssessmentState.PUBLISHED,
                    is_current=True,
                    created_at=created,
                    updated_at=published,
                    submitted_at=submitted,
                    accepted_at=accepted,
                    published_at=published,
                )
            )
        Assessment.objects.bulk_create(assessments, batch_size=INSERT_BATCH)

        answers = []
        for assessment in assessments:
            for position, indicator in enumerate(indicators):
                level = walk.next(assessment.city_id, indicator, position)
                answers.append(
                    Answer(
                        assessment=assessment,
                        indicator=indicator,
                        level=level,
                        justification=text.paragraph(rng.randint(1, 3)),
                        updated_at=_moment(rng, assessment.created_at, 3),
                    )
                )
        Answer.objects.bulk_create(answers, batch_size=INSERT_BATCH)

        links = []
        cited = []
        for answer in answers:
            needs = answer.level in NEEDS_EVIDENCE
            own = evidence.get(answer.assessment.city_id)
            if needs and own and rng.random() < 0.2:
                cited.append(
                    answer_through(answer_id=answer.pk, initiative_id=rng.choice(own))
                )
                continue
            if needs or rng.random() < 0.1:
                code = answer.indicator.code
                for position in range(rng.choice([1, 1, 1, 2, 3]) if needs else 1):
                    links.append(
                        EvidenceLink(
                            answer=answer,
                            url=(
                                f"https://example.org/{answer.assessment.city_id}"
                                f"/{year}/{code}/{position + 1}"
                            ),
                            label=rng.choice(LINK_KINDS),
                            position=position,
                        )
                    )
        EvidenceLink.objects.bulk_create(links, batch_size=INSERT_BATCH)
        answer_through.objects.bulk_create(cited, batch_size=INSERT_BATCH)

        # The history is dated when it happened and marked told then, so the
        # resend job emails nobody about years gone by.
        reviews, events = [], []
        for assessment in assessments:
            events.append(
                AssessmentEvent(
                    assessment=assessment,
                    kind=EventKind.TRANSITION,
                    from_state=AssessmentState.DRAFT,
                    to_state=AssessmentState.SUBMITTED,
                    at=assessment.submitted_at,
                    notified_at=assessment.submitted_at,
                )
            )
            for principle in principles:
                decided = assessment.accepted_at - timedelta(
                    minutes=rng.randint(0, 20 * 24 * 60)
                )
                reviews.append(
                    PrincipleReview(
                        assessment=assessment,
                        principle_id=principle,
                        decision=ReviewDecision.ACCEPTED,
                        decided_at=decided,
                    )
                )
                events.append(
                    AssessmentEvent(
                        assessment=assessment,
                        kind=EventKind.DECISION,
                        principle_id=principle,
                        to_state=ReviewDecision.ACCEPTED,
                        at=decided,
                        notified_at=decided,
                    )
                )
            for before, after, at in (
                (
                    AssessmentState.SUBMITTED,
                    AssessmentState.ACCEPTED,
                    assessment.accepted_at,
                ),
                (
                    AssessmentState.ACCEPTED,
                    AssessmentState.PUBLISHED,
                    assessment.published_at,
                ),
            ):
                events.append(
                    AssessmentEvent(
                        assessment=assessment,
                        kind=EventKind.TRANSITION,
                        from_state=before,
                        to_state=after,
                        at=at,
                        notified_at=at,
                    )
                )
        PrincipleReview.objects.bulk_create(reviews, batch_size=INSERT_BATCH)
        AssessmentEvent.objects.bulk_create(events, batch_size=INSERT_BATCH)

        loaded.assessments += len(assessments)
        loaded.answers += len(answers)
        loaded.links += len(links)
        loaded.evidence_initiatives += len(cited)
        loaded.reviews += len(reviews)
        loaded.events += len(events)


def _evidence_initiatives(
    cities: list[City], per_city: int = 20
) -> dict[int, list[int]]:
    """Return up to ``per_city`` published initiatives of each city, by city."""
    evidence: dict[int, list[int]] = defaultdict(list)
    rows = (
        Initiative.objects.filter(city__in=cities, state=ModerationState.PUBLISHED)
        .order_by("city_id", "pk")
        .values_list("city_id", "pk")
    )
    for city_id, pk in rows.iterator(chunk_size=10_000):
        if len(evidence[city_id]) < per_city:
            evidence[city_id].append(pk)
    return evidence


def synthetic_load(
    *,
    cities: int = 1000,
    cycles: int = 10,
    indicators: int = 25,
    seed: int = 1,
    last_year: int = LAST_YEAR,
) -> Loaded:
    """Load the synthetic monitoring data set; refuse in production or twice.

    ``cities`` member cities (the largest of the gazetteer, made members if
    they are not yet, as the search loader does) each get a published
    assessment in each of ``cycles`` yearly cycles ending in ``last_year``,
    answering ``indicators`` indicators.
    """
    if settings.PRODUCTION:
        raise RuntimeError("Synthetic data is never loaded in production.")
    if cities < 1 or cycles < 1 or indicators < 1:
        raise ValueError("Cities, cycles and indicators must each be at least 1.")
    years = _years(cycles, last_year)
    _refuse_if_loaded(years)
    clock = time.perf_counter
    loaded = Loaded()
    started = clock()
    rng = random.Random(seed)
    members = members_make(cities, random.Random(seed))
    # By GeoNames id, not row id, which differs from one database to another.
    members.sort(key=lambda city: city.geonameid)
    loaded.cities = len(members)
    loaded.seconds["cities"] = clock() - started

    text = TextMaker(rng)
    started = clock()
    with transaction.atomic():
        _refuse_if_loaded(years)
        versions = _versions_make(
            indicators, text, rng, datetime(years[0] - 1, 10, 1, tzinfo=UTC)
        )
        made_cycles = _cycles_make(years, versions)
        by_version = {version.pk: made for version, made in versions}
        walk = LevelWalk(members, indicators, rng)
        evidence = _evidence_initiatives(members)
        for cycle in made_cycles:
            _cycle_load(
                cycle,
                by_version[cycle.framework_version_id],
                members,
                walk,
                evidence,
                text,
                rng,
                loaded,
            )
        loaded.versions = len(versions)
        loaded.cycles = len(made_cycles)
        loaded.indicators = sum(len(made) for _version, made in versions)
    loaded.seconds["assessments"] = clock() - started

    started = clock()
    loaded.scores = _scores_fill()
    if loaded.scores is not None:
        loaded.seconds["scores"] = clock() - started
    _pages_retire()
    return loaded


def _pages_retire() -> None:
    from digitalrights.core.cache import page_cache_clear

    page_cache_clear()


def _scores_fill() -> int | None:
    """Store the scores a publication writes, in bulk; return how many."""
    from .scores import scores_rebuild

    return scores_rebuild()

"""Scores of published assessments, and comparisons from one cycle to another.

The method (also on the public page ``monitoring:method``), so that anyone
can compute every score again from the open data:

- An answer's **fraction** is its level's value divided by the highest level
  value of the framework version (levels 0 to 4: level 3 is 3/4). An
  indicator without a level counts as 0; a published assessment has none
  such, since it cannot be submitted with a question unanswered. The
  framework has no "not applicable" level: every indicator applies to every
  city.
- A **principle's score** is 100 × the weighted mean of the fractions of its
  indicators, each weighted by the indicator's weight (1 to 10).
- The **overall score** is the plain mean of the principle scores, so that
  each principle counts the same however many indicators it has.
- Every score is computed exactly (with fractions) and only then **rounded to
  one decimal, halves up** (62.25 → 62.3). The overall score is the mean of
  the exact principle scores, not of the rounded ones.
- The **change since the previous cycle** compares like with like: in the
  same framework version, the two published scores; across versions, only
  the indicators mapped to each other (``Indicator.comparable_to``, followed
  through the versions in between), both scored on those indicators alone
  and with the newer version's weights; the change is the difference of the
  two rounded scores. Indicators without a counterpart are named, not
  compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Max

from .models import Answer, Assessment, Indicator, Level, Score

SCALE = 100
ONE_DECIMAL = Decimal("0.1")


def score_round(value: Fraction) -> Decimal:
    """Return an exact score rounded to one decimal, halves up."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    # Decimal's default precision (28 digits) is ample for 0-100 scores.
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def principle_score(answers: Iterable[tuple[int | None, int]], *, top: int) -> Fraction:
    """Return 100 × the weighted mean of level / top, for (level, weight) pairs.

    An answer without a level counts as 0. Raise ValueError without answers
    or without a top level above 0.
    """
    answers = list(answers)
    if not answers or top <= 0:
        raise ValueError("A score needs answers and a top level above 0.")
    weighted = sum(Fraction(level or 0, top) * weight for level, weight in answers)
    weights = sum(weight for _level, weight in answers)
    return weighted / weights * SCALE


def overall_score(principle_scores: Iterable[Fraction]) -> Fraction:
    """Return the mean of the exact principle scores."""
    scores = list(principle_scores)
    if not scores:
        raise ValueError("An overall score needs at least one principle score.")
    return sum(scores, Fraction(0)) / len(scores)


@dataclass(frozen=True)
class ScoredAnswer:
    indicator_id: int
    principle_id: int
    weight: int
    level: int | None


def assessment_scores(
    answers: Iterable[ScoredAnswer], *, top: int
) -> dict[int | None, Fraction]:
    """Return exact scores per principle, and overall under the key None."""
    by_principle: dict[int, list[tuple[int | None, int]]] = {}
    for answer in answers:
        by_principle.setdefault(answer.principle_id, []).append(
            (answer.level, answer.weight)
        )
    scores: dict[int | None, Fraction] = {
        principle: principle_score(pairs, top=top)
        for principle, pairs in sorted(by_principle.items())
    }
    if scores:
        scores[None] = overall_score(scores.values())
    return scores


def _scored_answers(assessment: Assessment) -> tuple[list[ScoredAnswer], int]:
    """Return every indicator of the assessment's version with its level, and top."""
    version_id = assessment.cycle.framework_version_id
    levels = dict(
        Answer.objects.filter(assessment=assessment).values_list(
            "indicator_id", "level"
        )
    )
    indicators = Indicator.objects.filter(framework_version_id=version_id).values_list(
        "pk", "principle_id", "weight"
    )
    top = (
        Level.objects.filter(framework_version_id=version_id).aggregate(
            top=Max("value")
        )["top"]
        or 0
    )
    answers = [
        ScoredAnswer(pk, principle, weight, levels.get(pk))
        for pk, principle, weight in indicators
    ]
    return answers, top


def scores_record(*, assessment_id: int) -> list[Score]:
    """Write the scores of a published, current assessment; return them.

    The rows of any other version of the city's assessment in that cycle go:
    the public sees the current version only. Called by
    ``services.assessment_publish`` in its transaction; running it again
    writes the same rows.
    """
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_related("cycle")
            .filter(pk=assessment_id, state="published", is_current=True)
            .first()
        )
        if assessment is None:
            raise ValueError("Only the current published version is scored.")
        answers, top = _scored_answers(assessment)
        exact = assessment_scores(answers, top=top) if top > 0 else {}
        Score.objects.filter(
            city_id=assessment.city_id, cycle_id=assessment.cycle_id
        ).delete()
        return Score.objects.bulk_create(
            Score(
                assessment=assessment,
                city_id=assessment.city_id,
                cycle_id=assessment.cycle_id,
                principle_id=principle,
                value=score_round(value),
            )
            for principle, value in exact.items()
        )


# Comparing two cycles -----------------------------------------------------------


def indicator_counterparts(
    current: Iterable[int],
    earlier_version_indicators: Iterable[int],
    comparable_to: Mapping[int, int | None],
) -> dict[int, int]:
    """Return {current indicator: earlier indicator} for those that map.

    ``comparable_to`` maps every indicator id to the one it is comparable to
    in an earlier version (or None); the chain is followed through any
    versions in between. An indicator of the same version maps to itself.
    """
    earlier = set(earlier_version_indicators)
    pairs: dict[int, int] = {}
    for indicator in current:
        seen: set[int] = set()
        step: int | None = indicator
        while step is not None and step not in earlier and step not in seen:
            seen.add(step)
            step = comparable_to.get(step)
        if step is not None and step in earlier:
            pairs[indicator] = step
    return pairs


@dataclass
class PrincipleChange:
    principle_id: int
    now: Decimal | None = None
    before: Decimal | None = None
    compared: int = 0
    not_compared: list[str] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before


@dataclass
class Comparison:
    """The like-with-like change between two assessments of one city."""

    same_version: bool
    same_levels: bool
    principles: list[PrincipleChange]
    overall_now: Decimal | None
    overall_before: Decimal | None

    @property
    def overall_change(self) -> Decimal | None:
        if self.overall_now is None or self.overall_before is None:
            return None
        return self.overall_now - self.overall_before

    @property
    def compared(self) -> int:
        return sum(principle.compared for principle in self.principles)

    @property
    def not_compared(self) -> list[str]:
        return [code for p in self.principles for code in p.not_compared]


@dataclass(frozen=True)
class Side:
    """One assessment to compare: its answers, codes and top level."""

    answers: list[ScoredAnswer]
    codes: Mapping[int, str]
    top: int
    levels: frozenset[int]


def comparison(
    now: Side, before: Side, counterparts: Mapping[int, int], *, same_version: bool
) -> Comparison:
    """Compare two assessments on the indicators they share, per principle."""
    earlier = {answer.indicator_id: answer for answer in before.answers}
    changes: dict[int, PrincipleChange] = {}
    now_pairs: dict[int, list[tuple[int | None, int]]] = {}
    before_pairs: dict[int, list[tuple[int | None, int]]] = {}
    for answer in now.answers:
        change = changes.setdefault(
            answer.principle_id, PrincipleChange(answer.principle_id)
        )
        match = earlier.get(counterparts.get(answer.indicator_id, -1))
        if match is None:
            change.not_compared.append(now.codes.get(answer.indicator_id, ""))
            continue
        change.compared += 1
        now_pairs.setdefault(answer.principle_id, []).append(
            (answer.level, answer.weight)
        )
        # Weighted as now, so that both sides weigh each indicator alike.
        before_pairs.setdefault(answer.principle_id, []).append(
            (match.level, answer.weight)
        )
    exact_now, exact_before = [], []
    for principle, change in changes.items():
        if principle in now_pairs:
            a = principle_score(now_pairs[principle], top=now.top)
            b = principle_score(before_pairs[principle], top=before.top)
            exact_now.append(a)
            exact_before.append(b)
            change.now, change.before = score_round(a), score_round(b)
    return Comparison(
        same_version=same_version,
        same_levels=now.levels == before.levels,
        principles=sorted(changes.values(), key=lambda c: c.principle_id),
        overall_now=score_round(overall_score(exact_now)) if exact_now else None,
        overall_before=(
            score_round(overall_score(exact_before)) if exact_before else None
        ),
    )


def scores_rebuild(*, batch_size: int = 2000) -> int:
    """Write the scores of every published, current assessment again; return how many.

    For data loaded without the publish service (a generator, an import):
    the same rows ``scores_record`` writes, computed in bulk.
    """
    indicators: dict[int, list[tuple[int, int, int]]] = {}
    for pk, version, principle, weight in Indicator.objects.order_by().values_list(
        "pk", "framework_version_id", "principle_id", "weight"
    ):
        indicators.setdefault(version, []).append((pk, principle, weight))
    tops = dict(
        Level.objects.order_by()
        .values("framework_version_id")
        .annotate(top=Max("value"))
        .values_list("framework_version_id", "top")
    )
    current = Assessment.objects.filter(state="published", is_current=True)
    assessments = list(
        current.order_by("pk").values_list(
            "pk", "city_id", "cycle_id", "cycle__framework_version_id"
        )
    )
    written = 0
    with transaction.atomic():
        Score.objects.all().delete()
        for start in range(0, len(assessments), batch_size):
            chunk = assessments[start : start + batch_size]
            levels: dict[int, dict[int, int | None]] = {}
            for assessment_id, indicator_id, level in Answer.objects.filter(
                assessment_id__in=[row[0] for row in chunk]
            ).values_list("assessment_id", "indicator_id", "level"):
                levels.setdefault(assessment_id, {})[indicator_id] = level
            rows = []
            for pk, city_id, cycle_id, version in chunk:
                top = tops.get(version) or 0
                given = levels.get(pk, {})
                answers = [
                    ScoredAnswer(i, principle, weight, given.get(i))
                    for i, principle, weight in indicators.get(version, [])
                ]
                if top <= 0 or not answers:
                    continue
                rows.extend(
                    Score(
                        assessment_id=pk,
                        city_id=city_id,
                        cycle_id=cycle_id,
                        principle_id=principle,
                        value=score_round(value),
                    )
                    for principle, value in assessment_scores(answers, top=top).items()
                )
            Score.objects.bulk_create(rows, batch_size=batch_size)
            written += len(rows)
    return written

"""The synthetic monitoring data set: small loads, checked row by row."""

from __future__ import annotations

import io
from statistics import mean

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from digitalrights.cities.models import City, Member
from digitalrights.initiatives.models import Initiative
from digitalrights.initiatives.tests.factories import InitiativeFactory, published
from digitalrights.monitoring.models import (
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
    PrincipleReview,
    ReviewDecision,
    Score,
)
from digitalrights.monitoring.scores import scores_record
from digitalrights.monitoring.services import assessment_missing
from digitalrights.monitoring.synthetic import (
    FIRST_LABEL,
    SECOND_LABEL,
    SyntheticDataExists,
    synthetic_load,
)

from .factories import CycleFactory

pytestmark = pytest.mark.django_db

TINY = {"cities": 3, "cycles": 2, "indicators": 5}


def _synthetic_assessments():
    return Assessment.objects.filter(
        cycle__framework_version__label__startswith="Synthetic"
    )


def test_tiny_load_makes_one_published_assessment_per_city_and_cycle():
    loaded = synthetic_load(**TINY, seed=3)

    assert (loaded.cities, loaded.cycles, loaded.versions) == (3, 2, 2)
    assessments = _synthetic_assessments()
    assert assessments.count() == loaded.assessments == 6
    assert set(assessments.values_list("state", "is_current", "version")) == {
        (AssessmentState.PUBLISHED, True, 1)
    }
    assert not assessments.filter(published_at__isnull=True).exists()
    assert Answer.objects.filter(assessment__in=assessments).count() == 30
    assert loaded.answers == 30
    # Every city is a member, once per cycle.
    pairs = list(assessments.values_list("city_id", "cycle_id"))
    assert len(set(pairs)) == 6
    cities = {city for city, _cycle in pairs}
    assert Member.objects.filter(city__in=cities).count() == 3


def test_tiny_load_passes_every_rule_a_real_submission_must():
    synthetic_load(**TINY, seed=3)

    for assessment in _synthetic_assessments().select_related("cycle"):
        assert assessment_missing(assessment) == []
        assessment.full_clean()
        for answer in assessment.answers.select_related("indicator"):
            answer.full_clean()
            assert answer.indicator.framework_version_id == (
                assessment.cycle.framework_version_id
            )
            assert 0 <= answer.level <= 4
    for link in EvidenceLink.objects.filter(
        answer__assessment__in=_synthetic_assessments()
    ):
        link.full_clean()
        assert link.url.startswith("https://example.org/")
    for cycle in Cycle.objects.filter(framework_version__label__startswith="Synthetic"):
        cycle.full_clean()
        assert cycle.state == CycleState.CLOSED
        assert cycle.framework_version.is_frozen


def test_tiny_load_writes_the_reviews_and_history_of_a_publication():
    loaded = synthetic_load(**TINY, seed=3)

    assessments = _synthetic_assessments()
    reviews = PrincipleReview.objects.filter(assessment__in=assessments)
    # Five indicators, one per principle: five reviews each, all accepted.
    assert reviews.count() == loaded.reviews == 6 * 5
    assert set(reviews.values_list("decision", flat=True)) == {ReviewDecision.ACCEPTED}
    assessment = assessments.first()
    history = list(
        AssessmentEvent.objects.filter(assessment=assessment).values_list(
            "kind", "to_state"
        )
    )
    assert history[0] == (EventKind.TRANSITION, AssessmentState.SUBMITTED)
    assert history[-2:] == [
        (EventKind.TRANSITION, AssessmentState.ACCEPTED),
        (EventKind.TRANSITION, AssessmentState.PUBLISHED),
    ]
    assert [kind for kind, _state in history].count(EventKind.DECISION) == 5


def test_tiny_load_marks_its_history_told_so_nobody_is_emailed():
    from digitalrights.monitoring.emails import assessment_notifications_resend

    synthetic_load(**TINY, seed=3)

    events = AssessmentEvent.objects.filter(assessment__in=_synthetic_assessments())
    assert events.exists()
    assert not events.filter(notified_at__isnull=True).exists()
    for event in events.filter(kind=EventKind.TRANSITION)[:3]:
        assert event.notified_at == event.at
    assert assessment_notifications_resend() == 0


def test_stored_scores_are_those_a_publication_writes():
    loaded = synthetic_load(**TINY, seed=3)

    assessments = _synthetic_assessments()
    stored = Score.objects.filter(assessment__in=assessments)
    # Five principles and the overall score, per assessment.
    assert stored.count() == 6 * 6
    # Every published assessment's scores are written again, the demo's too.
    assert loaded.scores == Score.objects.count()
    for assessment in assessments:
        before = _scores_of(assessment)
        scores_record(assessment_id=assessment.pk)
        assert _scores_of(assessment) == before


def _scores_of(assessment) -> list[tuple]:
    rows = Score.objects.filter(assessment=assessment).values_list(
        "principle_id", "value"
    )
    return sorted(rows, key=lambda row: (row[0] or 0, row[1]))


def test_second_version_maps_all_but_its_new_indicator_to_the_first():
    synthetic_load(**TINY, seed=3)

    first = FrameworkVersion.objects.get(label=FIRST_LABEL)
    second = FrameworkVersion.objects.get(label=SECOND_LABEL)
    assert second.based_on == first
    mapped = Indicator.objects.filter(framework_version=second).order_by("sort_order")
    earlier = list(
        Indicator.objects.filter(framework_version=first).order_by("sort_order")
    )
    assert [i.comparable_to for i in mapped] == [*earlier[:4], None]
    # The older cycle uses the first version, the newer the second.
    assert list(
        Cycle.objects.filter(framework_version__in=[first, second])
        .order_by("year")
        .values_list("framework_version__label", flat=True)
    ) == [FIRST_LABEL, SECOND_LABEL]


def test_levels_rise_over_the_years():
    synthetic_load(cities=20, cycles=6, indicators=10, seed=5)

    by_year = {}
    for year, level in Answer.objects.filter(
        assessment__in=_synthetic_assessments()
    ).values_list("assessment__cycle__year", "level"):
        by_year.setdefault(year, []).append(level)
    years = sorted(by_year)
    averages = [mean(by_year[year]) for year in years]
    assert averages[-1] > averages[0] + 0.5
    # Spread, not all alike: most levels are given in the last year.
    assert len(set(by_year[years[-1]])) >= 4


def _capture(seed: int) -> list[tuple]:
    """Load, read the answers in a stable order, and roll the load back."""

    class Rollback(Exception):
        pass

    rows: list[tuple] = []
    try:
        with transaction.atomic():
            synthetic_load(**TINY, seed=seed)
            rows = list(
                Answer.objects.filter(assessment__in=_synthetic_assessments())
                .order_by(
                    "assessment__city_id", "assessment__cycle__year", "indicator__code"
                )
                .values_list(
                    "assessment__city_id",
                    "assessment__cycle__year",
                    "indicator__code",
                    "level",
                    "justification",
                )
            )
            raise Rollback
    except Rollback:
        pass
    return rows


def test_same_seed_gives_the_same_answers_and_another_seed_others():
    first = _capture(11)
    again = _capture(11)
    other = _capture(12)

    assert len(first) == 30
    assert first == again
    assert first != other


def test_a_second_load_is_refused_with_a_clear_message():
    synthetic_load(**TINY, seed=3)
    count = Answer.objects.count()

    with pytest.raises(SyntheticDataExists, match="already loaded"):
        synthetic_load(**TINY, seed=4)
    assert Answer.objects.count() == count


def test_a_load_is_refused_where_a_cycle_already_has_one_of_its_years():
    CycleFactory(year=2025)

    with pytest.raises(
        SyntheticDataExists, match="already has monitoring cycles for 2025"
    ):
        synthetic_load(**TINY, seed=3, last_year=2025)
    assert not FrameworkVersion.objects.filter(label=FIRST_LABEL).exists()


@override_settings(PRODUCTION=True)
def test_never_loads_in_production():
    with pytest.raises(RuntimeError, match="never loaded in production"):
        synthetic_load(**TINY, seed=3)
    assert not FrameworkVersion.objects.filter(label=FIRST_LABEL).exists()


def test_cites_the_citys_own_published_initiatives_as_evidence():
    # The loader takes the largest cities; the largest gets initiatives.
    city = City.objects.order_by("-population", "pk").first()
    mine = {published(city=city).pk for _ in range(3)}
    InitiativeFactory(city=city)  # a draft is never evidence

    synthetic_load(cities=1, cycles=10, indicators=25, seed=3)

    cited = set(
        Initiative.objects.filter(
            assessment_answers__assessment__in=_synthetic_assessments()
        ).values_list("pk", flat=True)
    )
    assert cited
    assert cited <= mine


def test_command_reports_what_it_made_and_refuses_a_second_run():
    out = io.StringIO()
    call_command("synthetic_monitoring", cities=2, cycles=2, indicators=5, stdout=out)

    assert "Made 4 published assessments of 2 member cities in 2 cycles" in (
        out.getvalue()
    )
    assert "20 answers" in out.getvalue()
    with pytest.raises(CommandError, match="already loaded"):
        call_command("synthetic_monitoring", cities=2, cycles=2, indicators=5)


@pytest.mark.parametrize("field", ["cities", "cycles", "indicators"])
def test_sizes_below_one_are_refused(field):
    sizes = dict(TINY, **{field: 0})

    with pytest.raises(ValueError, match="at least 1"):
        synthetic_load(**sizes, seed=3)

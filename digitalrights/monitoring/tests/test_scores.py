"""The score method: exact, rounded halves up, reproducible, like with like."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone

from digitalrights.monitoring import services
from digitalrights.monitoring.models import (
    Answer,
    Assessment,
    AssessmentState,
    Score,
)
from digitalrights.monitoring.scores import (
    ScoredAnswer,
    Side,
    assessment_scores,
    comparison,
    indicator_counterparts,
    principle_score,
    score_round,
    scores_rebuild,
    scores_record,
)

from .factories import CycleFactory, framework, member_city


def test_a_principle_score_is_the_weighted_mean_of_level_over_top():
    assert principle_score([(4, 1), (3, 1), (2, 1)], top=4) == 75
    # Weight 3 on the level-0 answer pulls the mean down: (4 + 0) / (4 × 4).
    assert principle_score([(4, 1), (0, 3)], top=4) == 25
    # An answer without a level counts as 0.
    assert principle_score([(None, 1), (4, 1)], top=4) == 50


def test_a_score_needs_answers_and_a_top_level():
    with pytest.raises(ValueError, match="needs answers"):
        principle_score([], top=4)
    with pytest.raises(ValueError, match="needs answers"):
        principle_score([(0, 1)], top=0)


@pytest.mark.parametrize(
    ("exact", "rounded"),
    [
        (Fraction(12450, 200), Decimal("62.3")),  # 62.25: half up
        (Fraction(200, 3), Decimal("66.7")),
        (Fraction(100, 3), Decimal("33.3")),
        (Fraction(0), Decimal("0.0")),
        (Fraction(100), Decimal("100.0")),
        (Fraction(1, 20), Decimal("0.1")),  # 0.05: half up, never to even
    ],
)
def test_scores_are_rounded_to_one_decimal_halves_up(exact, rounded):
    assert score_round(exact) == rounded


def test_the_overall_score_is_the_mean_of_exact_principle_scores():
    answers = [
        ScoredAnswer(1, 1, 1, 1),  # principle 1: 1/3 → 33.33…
        ScoredAnswer(2, 1, 1, 0),
        ScoredAnswer(3, 1, 1, 0),
        ScoredAnswer(4, 2, 1, 3),  # principle 2: 100
    ]
    scores = assessment_scores(answers, top=3)
    assert scores[1] == Fraction(100, 9)
    assert scores[2] == 100
    # Mean of the exact scores (55.555…), not of the rounded ones.
    assert score_round(scores[None]) == Decimal("55.6")


def test_counterparts_follow_comparable_to_through_versions_in_between():
    # 30 → 20 → 10 (three versions), 31 → nothing, 32 → 21 → nothing earlier.
    comparable = {30: 20, 20: 10, 10: None, 31: None, 32: 21, 21: None}
    assert indicator_counterparts([30, 31, 32], [10, 11], comparable) == {30: 10}
    # A loop (bad data) ends without a counterpart.
    assert indicator_counterparts([5], [9], {5: 6, 6: 5}) == {}


def test_a_comparison_across_versions_uses_only_the_shared_indicators():
    now = Side(
        answers=[ScoredAnswer(30, 1, 1, 4), ScoredAnswer(31, 1, 1, 0)],
        codes={30: "1.1", 31: "1.2"},
        top=4,
        levels=frozenset(range(5)),
    )
    before = Side(
        answers=[ScoredAnswer(10, 1, 1, 2), ScoredAnswer(11, 1, 1, 4)],
        codes={10: "1.1", 11: "1.9"},
        top=4,
        levels=frozenset(range(5)),
    )
    result = comparison(now, before, {30: 10}, same_version=False)
    (principle,) = result.principles
    assert (principle.now, principle.before) == (Decimal("100.0"), Decimal("50.0"))
    assert principle.change == Decimal("50.0")
    assert principle.not_compared == ["1.2"]
    assert result.overall_change == Decimal("50.0")
    assert result.same_levels


def test_nothing_shared_means_no_change_is_given():
    side = Side([ScoredAnswer(1, 1, 1, 4)], {1: "1.1"}, 4, frozenset({0, 4}))
    result = comparison(side, side, {}, same_version=False)
    assert result.overall_change is None
    assert result.compared == 0
    assert result.not_compared == ["1.1"]


def publish(city, cycle, levels, *, corrects=None, note=""):
    """Return a published, current assessment with ``levels`` by indicator code."""
    version = (corrects.version + 1) if corrects else 1
    if corrects:
        Assessment.objects.filter(pk=corrects.pk).update(is_current=False)
    assessment = Assessment.objects.create(
        city=city,
        cycle=cycle,
        state=AssessmentState.PUBLISHED,
        is_current=True,
        published_at=timezone.now(),
        version=version,
        corrects=corrects,
        correction_note=note,
    )
    for indicator in cycle.framework_version.indicators.all():
        Answer.objects.create(
            assessment=assessment,
            indicator=indicator,
            level=levels.get(indicator.code, 0),
            justification="Because.",
        )
    scores_record(assessment_id=assessment.pk)
    return assessment


@pytest.mark.django_db
def test_publishing_records_the_scores_and_a_correction_replaces_them():
    cycle = CycleFactory(framework_version=framework(principles=(1, 2)))
    city = member_city()
    first = publish(city, cycle, {"1.1": 4, "1.2": 2, "2.1": 1, "2.2": 0})
    scores = dict(Score.objects.filter(city=city).values_list("principle", "value"))
    assert scores == {1: Decimal("75.0"), 2: Decimal("12.5"), None: Decimal("43.8")}
    publish(
        city,
        cycle,
        {"1.1": 4, "1.2": 4, "2.1": 4, "2.2": 4},
        corrects=first,
        note="The 2.x answers were under-reported.",
    )
    assert not Score.objects.filter(assessment=first).exists()
    mine = Score.objects.filter(city=city)
    assert mine.count() == 3
    assert set(mine.values_list("value", flat=True)) == {Decimal("100.0")}


@pytest.mark.django_db
def test_only_the_current_published_version_is_scored():
    cycle = CycleFactory()
    assessment = Assessment.objects.create(city=member_city(), cycle=cycle)
    with pytest.raises(ValueError, match="current published"):
        scores_record(assessment_id=assessment.pk)


@pytest.mark.django_db
def test_rebuilding_writes_what_publishing_wrote():
    cycle = CycleFactory(
        framework_version=framework(principles=(1, 3), per_principle=3)
    )
    for levels in ({"1.1": 4, "3.2": 2}, {"1.3": 1}, {}):
        publish(member_city(), cycle, levels)
    before = set(Score.objects.values_list("city", "principle", "value"))
    Score.objects.all().delete()
    assert scores_rebuild(batch_size=2) == len(before)
    assert set(Score.objects.values_list("city", "principle", "value")) == before


@pytest.mark.django_db
def test_the_publish_service_records_the_scores(django_user_model):
    from digitalrights.monitoring.models import Reviewer
    from digitalrights.workinggroups.models import WorkingGroupPage

    from .factories import official_of
    from .test_services import accepted, person

    staff = django_user_model.objects.create_superuser(
        username="staff-scores", email="scores@example.org", password=None
    )
    version = framework(principles=(1, 2), per_principle=2)
    now = timezone.now()
    cycle = services.cycle_open(
        by=staff,
        year=2050,
        framework_version_id=version.pk,
        opens_at=now - timezone.timedelta(days=1),
        deadline=now + timezone.timedelta(days=3),
    )
    city = member_city()
    official = official_of(city)
    reviewer = person()
    Reviewer.objects.create(
        user=reviewer,
        working_group=WorkingGroupPage.objects.live().filter(principle=1).first(),
    )
    assessment = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    accepted(official, assessment, reviewer, staff)
    services.assessment_publish(by=staff, assessment_id=assessment.pk)
    # Every answer at level 2 of 0–4: 50 everywhere.
    assert (
        sorted(
            Score.objects.filter(assessment=assessment).values_list("value", flat=True)
        )
        == [Decimal("50.0")] * 3
    )

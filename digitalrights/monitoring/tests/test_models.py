"""What the database itself refuses, whoever writes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from digitalrights.monitoring.models import (
    Answer,
    Assessment,
    AssessmentState,
    Cycle,
    EvidenceLink,
    Indicator,
    Level,
)

from .factories import (
    AssessmentFactory,
    CycleFactory,
    FrameworkVersionFactory,
    IndicatorFactory,
    framework,
)

pytestmark = pytest.mark.django_db


def refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_level_value_is_unique_in_its_framework_version():
    version = FrameworkVersionFactory()
    refused(
        lambda: Level.objects.create(
            framework_version=version, value=2, name="Again", definition="Twice."
        )
    )


def test_an_indicator_code_is_unique_in_its_version_and_weighs_one_to_ten():
    indicator = IndicatorFactory(code="1.1")
    refused(
        lambda: IndicatorFactory(
            framework_version=indicator.framework_version, code="1.1"
        )
    )
    refused(lambda: IndicatorFactory(weight=0))
    refused(lambda: IndicatorFactory(weight=11))


def test_an_indicator_is_comparable_only_to_one_of_an_earlier_version():
    earlier = IndicatorFactory()
    later = IndicatorFactory()
    later.comparable_to = earlier
    later.full_clean()
    earlier.comparable_to = later
    with pytest.raises(ValidationError, match="earlier framework version"):
        earlier.full_clean()
    same = IndicatorFactory(framework_version=earlier.framework_version)
    same.comparable_to = earlier
    with pytest.raises(ValidationError, match="earlier framework version"):
        same.full_clean()


def test_a_cycle_deadline_comes_after_its_opening_and_its_year_is_unique():
    now = timezone.now()
    refused(lambda: CycleFactory(opens_at=now, deadline=now))
    cycle = CycleFactory()
    refused(lambda: CycleFactory(year=cycle.year))


def test_a_city_has_one_unpublished_assessment_per_cycle():
    assessment = AssessmentFactory()
    refused(
        lambda: Assessment.objects.create(
            city=assessment.city, cycle=assessment.cycle, version=2
        )
    )


def test_a_correction_is_linked_and_explained():
    assessment = AssessmentFactory(
        state=AssessmentState.PUBLISHED, published_at=timezone.now()
    )
    common = {"city": assessment.city, "cycle": assessment.cycle, "version": 2}
    refused(lambda: Assessment.objects.create(**common, correction_note="Why."))
    refused(lambda: Assessment.objects.create(**common, corrects=assessment))
    Assessment.objects.create(**common, corrects=assessment, correction_note="Why.")


def test_only_a_published_assessment_is_current_and_has_a_date():
    refused(lambda: AssessmentFactory(state=AssessmentState.PUBLISHED))
    refused(lambda: AssessmentFactory(is_current=True))


def test_an_answer_is_one_per_indicator_and_evidence_links_are_web_pages():
    assessment = AssessmentFactory()
    indicator = assessment.cycle.framework_version.indicators.first()
    answer = Answer.objects.create(assessment=assessment, indicator=indicator, level=1)
    refused(lambda: Answer.objects.create(assessment=assessment, indicator=indicator))
    refused(lambda: Answer.objects.filter(pk=answer.pk).update(level=11))
    for url in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"):
        refused(lambda url=url: EvidenceLink.objects.create(answer=answer, url=url))
    EvidenceLink.objects.create(answer=answer, url="https://city.example.org/policy")


def test_levels_and_indicators_of_a_frozen_version_refuse_changes():
    version = framework()
    version.frozen_at = timezone.now()
    version.save(update_fields=["frozen_at"])
    for row in (version.levels.first(), version.indicators.first(), version):
        with pytest.raises(ValidationError, match="can no longer change"):
            row.full_clean()
    level = Level(framework_version=version, value=5, name="More", definition="x")
    with pytest.raises(ValidationError, match="can no longer change"):
        level.full_clean()


def test_models_read_in_the_coalitions_words():
    cycle = CycleFactory(year=2031)
    assessment = AssessmentFactory(cycle=cycle)
    assert str(assessment) == f"{assessment.city.name}, 2031"
    assert str(cycle) == "2031"
    assert isinstance(Indicator.objects.first().__str__(), str)
    assert Cycle.objects.get(pk=cycle.pk).takes_first_submissions()
    assert not Cycle(
        year=2032,
        state="open",
        opens_at=timezone.now() + datetime.timedelta(days=1),
        deadline=timezone.now() + datetime.timedelta(days=2),
    ).takes_first_submissions()

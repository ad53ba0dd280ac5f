"""The demo framework the demo loader brings."""

import pytest
from django.db.models import Count

from digitalrights.demo.monitoring import LABEL, PAST_YEAR, monitoring_load
from digitalrights.monitoring.emails import assessment_notifications_resend
from digitalrights.monitoring.models import AssessmentEvent, FrameworkVersion

pytestmark = pytest.mark.django_db


def test_the_demo_framework_asks_at_least_four_questions_per_principle():
    version = FrameworkVersion.objects.get(label=LABEL)
    per_principle = dict(
        version.indicators.values_list("principle").annotate(count=Count("pk"))
    )
    assert set(per_principle) == {1, 2, 3, 4, 5}
    assert min(per_principle.values()) >= 4
    assert not version.is_frozen


def test_the_demo_levels_go_from_none_to_independently_evaluated():
    version = FrameworkVersion.objects.get(label=LABEL)
    levels = list(version.levels.order_by("value"))
    assert [(level.value, level.name) for level in levels] == [
        (0, "None"),
        (1, "Planned"),
        (2, "Started"),
        (3, "In place"),
        (4, "In place and independently evaluated"),
    ]
    assert all(level.definition for level in levels)
    assert [level.value for level in levels if level.needs_evidence] == [3, 4]


def test_loading_the_demo_framework_again_changes_nothing():
    assert monitoring_load(mark=lambda row: None) == 0
    assert FrameworkVersion.objects.filter(label=LABEL).count() == 1


def test_the_demo_cycles_history_is_marked_told_so_nobody_is_emailed(mailoutbox):
    events = AssessmentEvent.objects.filter(assessment__cycle__year=PAST_YEAR)
    assert events.filter(to_state="published").count() == 2
    assert not events.filter(notified_at__isnull=True).exists()
    assert assessment_notifications_resend() == 0
    assert mailoutbox == []

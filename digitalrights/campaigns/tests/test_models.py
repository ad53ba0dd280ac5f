import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from digitalrights.campaigns.models import CampaignPage, CampaignPhase

from .factories import CampaignPageFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2030, 3, 1)
END = datetime.date(2030, 3, 10)  # ten days, both ends included


def campaign() -> CampaignPage:
    return CampaignPage(title="Ten days", target=5, starts_on=START, ends_on=END)


def test_a_campaign_that_ends_before_it_starts_is_refused_with_a_message():
    page = CampaignPage(
        title="Backwards",
        slug="backwards",
        intro="Nothing.",
        target=5,
        starts_on=END,
        ends_on=START,
    )
    with pytest.raises(
        ValidationError, match=r"A campaign cannot end before it starts\."
    ):
        page.clean()


def test_the_database_refuses_a_campaign_that_ends_before_it_starts():
    page = CampaignPageFactory(starts_on=START, ends_on=END)
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignPage.objects.filter(pk=page.pk).update(
            ends_on=START - datetime.timedelta(days=1)
        )


def test_the_database_refuses_a_campaign_without_a_target():
    page = CampaignPageFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignPage.objects.filter(pk=page.pk).update(target=0)


def test_a_target_of_zero_is_refused_with_a_message():
    page = CampaignPageFactory.build(target=0)
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        page.full_clean()


def test_a_campaign_of_one_day_is_allowed():
    page = CampaignPageFactory(starts_on=START, ends_on=START)
    assert page.duration_days == 1
    assert page.days_left(START) == 1


@pytest.mark.parametrize(
    ("today", "phase", "days_left", "days_to_start"),
    [
        (START - datetime.timedelta(days=3), CampaignPhase.UPCOMING, 10, 3),
        (START - datetime.timedelta(days=1), CampaignPhase.UPCOMING, 10, 1),
        (START, CampaignPhase.RUNNING, 10, 0),
        (START + datetime.timedelta(days=1), CampaignPhase.RUNNING, 9, 0),
        (END, CampaignPhase.RUNNING, 1, 0),
        (END + datetime.timedelta(days=1), CampaignPhase.ENDED, 0, 0),
        (END + datetime.timedelta(days=400), CampaignPhase.ENDED, 0, 0),
    ],
    ids=[
        "three days before",
        "day before",
        "first day",
        "second day",
        "last day",
        "day after",
        "a year after",
    ],
)
def test_days_left_count_today_until_the_last_day(
    today, phase, days_left, days_to_start
):
    page = campaign()
    assert page.duration_days == 10
    assert page.phase(today) == phase
    assert page.days_left(today) == days_left
    assert page.days_to_start(today) == days_to_start

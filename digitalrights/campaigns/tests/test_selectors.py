import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from digitalrights.campaigns import selectors
from digitalrights.campaigns.models import CampaignPage, CampaignPhase
from digitalrights.cities.models import MemberStatus
from digitalrights.cities.tests.factories import CityFactory, MemberFactory

from .factories import CampaignPageFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2030, 3, 1)
END = datetime.date(2030, 6, 8)
DAY = datetime.timedelta(days=1)


def member(name: str, joined_on: datetime.date, **fields):
    return MemberFactory(city=CityFactory(name=name), joined_on=joined_on, **fields)


def test_progress_counts_only_the_cities_that_joined_within_the_window():
    campaign = CampaignPageFactory(starts_on=START, ends_on=END, target=4)
    member("Too Early", START - DAY)
    member("First Day", START)
    member("Last Day", END)
    member("Too Late", END + DAY)

    progress = selectors.campaign_progress(campaign=campaign, today=END)

    assert [m.name for m in progress.members] == ["First Day", "Last Day"]
    assert (progress.joined, progress.target, progress.remaining) == (2, 4, 2)
    assert progress.percent == 50
    assert not progress.reached


def test_progress_lists_cities_in_the_order_they_joined():
    campaign = CampaignPageFactory(starts_on=START, ends_on=END)
    member("Zwolle", START + 5 * DAY)
    member("Bilbao", START + 2 * DAY)
    member("Aarhus", START + 5 * DAY)  # same day as Zwolle: by name
    member("York", START)

    progress = selectors.campaign_progress(campaign=campaign)

    assert [m.name for m in progress.members] == ["York", "Bilbao", "Aarhus", "Zwolle"]


def test_cities_that_left_since_still_count_and_are_told_apart():
    campaign = CampaignPageFactory(starts_on=START, ends_on=END, target=2)
    member("Stayed", START)
    member(
        "Gone",
        START + DAY,
        status=MemberStatus.FORMER,
        left_on=END + 100 * DAY,
    )

    progress = selectors.campaign_progress(campaign=campaign)

    assert progress.joined == 2
    assert progress.left == 1
    assert progress.reached
    assert progress.percent == 100


def test_progress_beyond_the_target_stops_at_a_full_bar():
    campaign = CampaignPageFactory(starts_on=START, ends_on=END, target=1)
    member("One", START)
    member("Two", START)
    progress = selectors.campaign_progress(campaign=campaign)
    assert (progress.joined, progress.percent, progress.remaining) == (2, 100, 0)


def test_progress_reads_the_members_in_one_query(django_assert_num_queries):
    campaign = CampaignPageFactory(starts_on=START, ends_on=END)
    for day in range(20):
        member(f"City {day}", START + day * DAY)
    with django_assert_num_queries(1):
        progress = selectors.campaign_progress(campaign=campaign)
        names = [m.name + m.city.country_name for m in progress.members]
    assert len(names) == 20


def test_progress_of_several_campaigns_is_one_query_and_keeps_windows_apart(
    django_assert_num_queries,
):
    spring = CampaignPageFactory(starts_on=START, ends_on=START + 9 * DAY)
    autumn = CampaignPageFactory(
        starts_on=datetime.date(2030, 9, 1), ends_on=datetime.date(2030, 9, 30)
    )
    member("Spring", START + DAY)
    member("Summer", datetime.date(2030, 7, 1))
    member("Autumn", datetime.date(2030, 9, 2))
    campaigns = list(CampaignPage.objects.filter(pk__in=[spring.pk, autumn.pk]))

    with django_assert_num_queries(1):
        found = selectors.campaign_progress_list(campaigns=campaigns)

    assert [p.campaign.pk for p in found] == [autumn.pk, spring.pk]
    assert [[m.name for m in p.members] for p in found] == [["Autumn"], ["Spring"]]


def test_the_running_campaign_is_live_in_the_language_and_today_in_its_window():
    today = timezone.localdate()
    english = Locale.objects.get(language_code="en")
    assert selectors.campaign_running(locale=english, today=today) is None
    CampaignPageFactory(starts_on=today - 30 * DAY, ends_on=today - DAY)
    CampaignPageFactory(starts_on=today + DAY, ends_on=today + 30 * DAY)
    CampaignPageFactory(starts_on=today, ends_on=today + 9 * DAY, live=False)
    assert selectors.campaign_running(locale=english, today=today) is None

    running = CampaignPageFactory(starts_on=today - 10 * DAY, ends_on=today)

    assert selectors.campaign_running(locale=english, today=today) == running
    assert selectors.campaign_running(locale=english, today=today + DAY) is not None
    assert running.phase(today) == CampaignPhase.RUNNING
    french = Locale.objects.get(language_code="fr")
    assert selectors.campaign_running(locale=french, today=today) is None


def test_of_two_running_campaigns_the_one_ending_first_is_shown():
    today = timezone.localdate()
    CampaignPageFactory(starts_on=today - DAY, ends_on=today + 50 * DAY)
    sooner = CampaignPageFactory(starts_on=today, ends_on=today + 5 * DAY)
    assert selectors.campaign_running(today=today) == sooner


def test_the_demo_campaign_shows_the_first_wave():
    campaign = CampaignPage.objects.get(
        slug="100-cities-in-100-days", locale__language_code="en"
    )
    progress = selectors.campaign_progress(campaign=campaign)
    assert (campaign.starts_on, campaign.ends_on) == (
        datetime.date(2019, 3, 28),
        datetime.date(2019, 7, 5),
    )
    assert campaign.duration_days == 100
    assert (progress.joined, progress.target, progress.phase) == (23, 100, "ended")
    # Bordeaux Métropole signed on 18 July 2019, after the campaign.
    assert "Bordeaux Métropole" not in [m.name for m in progress.members]

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from digitalrights.campaigns.models import CampaignIndexPage, CampaignPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "x")
    client.force_login(user)
    return client


def add_campaign(staff_client, **fields):
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    data = {
        "title": "Fifty cities by summer",
        "slug": "fifty-cities-by-summer",
        "target": "50",
        "starts_on": "2031-04-01",
        "ends_on": "2031-06-30",
        "intro": "Fifty more cities before the summer.",
        "body-count": "0",
        "action-publish": "action-publish",
    } | fields
    return staff_client.post(
        f"/admin/pages/add/campaigns/campaignpage/{index.pk}/", data
    )


def test_secretariat_publishes_a_campaign_shown_in_every_language(staff_client):
    response = add_campaign(staff_client)
    assert response.status_code == 302
    campaign = CampaignPage.objects.get(
        slug="fifty-cities-by-summer", locale__language_code="en"
    )
    assert campaign.live
    assert campaign.duration_days == 91
    # wagtail-localize keeps an untranslated copy in every other language.
    visitor = Client()
    for code in ("es", "ca", "fr", "nl"):
        page = f"/{code}/campaigns/fifty-cities-by-summer/"
        assert visitor.get(page).status_code == 200
        assert visitor.get(page + "badge.svg").status_code == 200


def test_backwards_dates_are_explained_and_nothing_is_saved(staff_client):
    response = add_campaign(staff_client, starts_on="2031-06-30", ends_on="2031-04-01")
    html = response.content.decode()
    assert response.status_code == 200
    assert "A campaign cannot end before it starts." in html
    assert 'value="Fifty cities by summer"' in html
    assert not CampaignPage.objects.filter(slug="fifty-cities-by-summer").exists()


def test_a_target_of_zero_is_refused(staff_client):
    response = add_campaign(staff_client, target="0")
    assert response.status_code == 200
    assert not CampaignPage.objects.filter(slug="fifty-cities-by-summer").exists()

import datetime

import pytest
from django.contrib.auth import get_user_model

from digitalrights.cities.models import City
from digitalrights.endorsements.models import CityResponse, EndorsementSettings

pytestmark = pytest.mark.django_db

TORONTO_PAGE = "/en/cities/6167865-toronto/"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x")
    client.force_login(user)
    return client


def test_the_secretariat_publishes_a_city_response(staff, client):
    city = City.objects.get(geonameid=2988507)  # Paris, not a member in the demo
    add = staff.get("/admin/snippets/endorsements/cityresponse/add/")
    assert add.status_code == 200
    response = staff.post(
        "/admin/snippets/endorsements/cityresponse/add/",
        {
            "city": city.pk,
            "responded_on": "2026-11-01",
            "response": "We are studying the declaration.",
            "published": "on",
        },
    )
    assert response.status_code == 302
    assert CityResponse.objects.get(city=city).published


def test_a_published_response_shows_on_the_city_page(client):
    city = City.objects.get(geonameid=2988507)
    CityResponse.objects.create(
        city=city,
        responded_on=datetime.date(2026, 11, 1),
        response="We are studying the declaration.",
        published=True,
    )
    html = client.get(city.get_absolute_url()).content.decode()
    assert "We are studying the declaration." in html
    assert "The city responded on" in html


def test_an_unpublished_response_stays_private(client):
    city = City.objects.get(geonameid=2988507)
    CityResponse.objects.create(
        city=city, responded_on=datetime.date(2026, 11, 1), response="Draft."
    )
    html = client.get(city.get_absolute_url()).content.decode()
    assert "Draft." not in html
    assert "The city has not responded yet." in html


def test_the_secretariat_sets_limits_and_milestones(staff):
    url = staff.get("/admin/settings/endorsements/endorsementsettings/")["Location"]
    assert staff.get(url).status_code == 200
    data = {
        "per_network_per_hour": "500",
        "per_network_without_proof_per_hour": "50",
        "per_address_per_hour": "5",
        "milestones": "50, 500",
        "alert_per_hour": "300",
    }
    assert staff.post(url, data).status_code == 302
    assert EndorsementSettings.load().per_network_per_hour == 500
    refused = staff.post(url, data | {"milestones": "lots"})
    assert refused.status_code == 200
    assert "Write whole numbers above zero" in refused.content.decode()
    assert EndorsementSettings.load().milestones == "50, 500"

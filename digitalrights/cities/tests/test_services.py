import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from digitalrights.cities.models import City, CityProfile, Member
from digitalrights.cities.services import (
    city_profile_save,
    gazetteer_load,
    member_upsert,
)

from .factories import CityFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_gazetteer_load_is_idempotent():
    first = gazetteer_load(min_population=2_000_000)
    count = City.objects.count()
    second = gazetteer_load(min_population=2_000_000)
    assert first == second > 50
    assert City.objects.count() == count


def test_gazetteer_load_takes_names_countries_and_coordinates_from_geonames():
    gazetteer_load(min_population=15000, geonameids=[])
    cary = City.objects.get(geonameid=4459467)
    assert (cary.name, cary.country_code, cary.region_code) == ("Cary", "US", "NA")
    assert round(cary.latitude, 2) == 35.79
    assert "|wien|" in City.objects.get(geonameid=2761369).search_names


def test_gazetteer_load_refreshes_a_changed_row():
    City.objects.filter(geonameid=2761369).update(name="Wrong", population=1)
    gazetteer_load(min_population=1_000_000)
    vienna = City.objects.get(geonameid=2761369)
    assert vienna.name == "Vienna"
    assert vienna.population > 1_000_000


def test_member_upsert_creates_then_updates_one_membership():
    city = CityFactory()
    member = member_upsert(
        geonameid=city.geonameid, joined_on=datetime.date(2021, 1, 1)
    )
    again = member_upsert(
        geonameid=city.geonameid,
        joined_on=datetime.date(2021, 2, 1),
        signatory="The mayor",
    )
    assert member.pk == again.pk
    assert Member.objects.get(pk=member.pk).joined_on == datetime.date(2021, 2, 1)


def test_city_profile_save_rejects_a_bad_website_and_saves_nothing():
    city = CityFactory()
    with pytest.raises(ValidationError, match="valid URL"):
        city_profile_save(city=city, website="javascript:alert(1)")
    assert not CityProfile.objects.filter(city=city).exists()


def test_city_profile_save_refuses_a_language_the_site_does_not_ship():
    city = CityFactory()
    with pytest.raises(ValidationError, match="site's languages"):
        city_profile_save(city=city, descriptions={"de": "Hallo"})
    assert not CityProfile.objects.filter(city=city).exists()


def test_city_profile_save_keeps_one_description_per_language():
    city = CityFactory()
    city_profile_save(city=city, descriptions={"en": "One", "fr": "Un"})
    profile = city_profile_save(city=city, descriptions={"en": "Two", "fr": ""})
    assert [(d.language, d.text) for d in profile.descriptions.all()] == [("en", "Two")]


def test_member_cannot_leave_before_joining():
    member = MemberFactory.build(
        status="former",
        joined_on=datetime.date(2021, 1, 1),
        left_on=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError, match="cannot leave before it joined"):
        member.clean()


def test_database_refuses_a_former_member_without_a_leaving_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(status="former", left_on=None)

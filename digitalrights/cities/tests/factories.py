import datetime

import factory

from digitalrights.cities.geography import normalise_name
from digitalrights.cities.models import City, Member, city_slug


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    geonameid = factory.Sequence(lambda n: 90_000_000 + n)
    name = factory.Sequence(lambda n: f"Testville {n}")
    slug = factory.LazyAttribute(lambda city: city_slug(city.name))
    country_code = "NL"
    region_code = "EU"
    admin1_code = "07"
    latitude = 52.0
    longitude = 5.0
    population = 50_000
    timezone = "Europe/Amsterdam"
    search_names = factory.LazyAttribute(lambda city: f"|{normalise_name(city.name)}|")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    city = factory.SubFactory(CityFactory)
    joined_on = datetime.date(2020, 5, 1)

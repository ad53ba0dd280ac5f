import datetime

import pytest

from digitalrights.cities import selectors

from .factories import CityFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Barcelona", "Barcelona"),
        ("BARCELONA", "Barcelona"),
        ("barcelone", "Barcelona"),
        ("Барселона", "Barcelona"),
        ("Wien", "Vienna"),
        ("Viena", "Vienna"),
        ("sao paulo", "São Paulo"),
        ("São Paulo", "São Paulo"),
        ("Cologne", "Köln"),
        ("koln", "Köln"),
        ("new york", "New York City"),
        ("  new   YORK ", "New York City"),
    ],
)
def test_city_search_matches_any_spelling_accent_and_case(query, expected):
    names = [city.name for city in selectors.city_search(query)]
    assert expected in names


def test_city_search_puts_larger_cities_first():
    results = selectors.city_search("barcelona")
    populations = [city.population for city in results]
    assert populations == sorted(populations, reverse=True)


@pytest.mark.parametrize("query", ["", "a", " ", "--", "%", "_"])
def test_city_search_returns_nothing_for_too_short_or_wildcard_queries(query):
    assert selectors.city_search(query) == []


def test_city_search_treats_like_wildcards_as_text():
    CityFactory(name="Percent Town")
    assert selectors.city_search("%%%%") == []
    assert selectors.city_search("per_ent") == []


def test_member_list_filters_by_country_region_and_year():
    member = MemberFactory(
        city=CityFactory(country_code="UY", region_code="SA"),
        joined_on=datetime.date(2022, 3, 1),
    )
    assert list(selectors.member_list(country="UY")) == [member]
    assert member in selectors.member_list(region="SA")
    assert list(selectors.member_list(year=2022)) == [member]
    assert member not in selectors.member_list(year=2019)


def test_member_list_leaves_out_former_members():
    member = MemberFactory(
        status="former",
        joined_on=datetime.date(2019, 1, 1),
        left_on=datetime.date(2021, 1, 1),
    )
    assert member not in selectors.member_list()
    assert member in selectors.member_list(include_former=True)


def test_member_facets_list_only_values_members_have():
    facets = selectors.member_facets()
    assert "NL" in facets["countries"]
    assert "EU" in facets["regions"]
    assert facets["years"] == [2018, 2019]

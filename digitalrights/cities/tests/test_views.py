import datetime

import pytest
from django.urls import reverse

from digitalrights.cities.models import City

from .factories import CityFactory, MemberFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/cities/"
FIND = "/en/cities/find/"


def test_directory_lists_members_with_map_and_table(client):
    response = client.get(DIRECTORY)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="marker') == 28
    assert "Amsterdam" in html
    assert 'href="/static/cities/world-land.svg"' in html
    assert "<caption" in html


def test_directory_filters_by_country(client):
    response = client.get(DIRECTORY, {"country": "FR"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="marker') == 3  # Grenoble, Lyon, Bordeaux
    assert "Lyon" in html
    assert "Chicago" not in html


def test_directory_filters_by_region_and_year(client):
    response = client.get(DIRECTORY, {"region": "NA", "year": "2018"})
    html = response.content.decode()
    assert html.count('class="marker') == 1
    assert "New York City" in html


@pytest.mark.parametrize(
    "params",
    [
        {"country": "ZZ"},
        {"country": "<script>alert(1)</script>"},
        {"region": "Atlantis"},
        {"year": "abc"},
        {"year": "99999999999999999999999"},
        {"year": "-1"},
        {"country": "\x00"},
    ],
)
def test_directory_explains_a_bad_filter_and_shows_every_city(client, params):
    response = client.get(DIRECTORY, params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Some filters could not be used" in html
    assert "showing all cities instead" in html
    assert html.count('class="marker') == 28
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("page", ["-1", "abc", "99999", "0", "1e9"])
def test_directory_survives_any_page_number(client, page):
    response = client.get(DIRECTORY, {"page": page})
    assert response.status_code == 200


def test_directory_queries_do_not_grow_with_members(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as few:
        client.get(DIRECTORY)
    for _ in range(30):
        MemberFactory()
    client.cookies.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DIRECTORY, {"country": "NL"})
    assert response.status_code == 200


def test_find_matches_other_languages_and_marks_members(client):
    response = client.get(FIND, {"q": "Wien"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vienna" in html
    assert "member" in html


def test_find_explains_an_empty_result(client):
    response = client.get(FIND, {"q": "Qqqqxxzz"})
    assert "No city has a name that begins like this" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("x" * 101, "Ensure this value has at most 100 characters"),
        ("bad\x00byte", "Null characters are not allowed"),
    ],
)
def test_find_refuses_hostile_input_with_a_message(client, q, message):
    response = client.get(FIND, {"q": q})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_find_escapes_what_was_typed(client):
    response = client.get(FIND, {"q": '"><script>alert(1)</script>'})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_member_city_page_shows_facts(client):
    amsterdam = City.objects.get(geonameid=2759794)
    response = client.get(amsterdam.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Founding member of the coalition" in html
    assert "Netherlands" in html
    assert 'datetime="2018-11-14"' in html


def test_any_gazetteer_city_has_a_page(client):
    city = CityFactory(name="Smalltown")
    response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    assert "Not a member of the coalition yet." in response.content.decode()


def test_former_member_page_says_when_it_left(client):
    member = MemberFactory(
        status="former",
        joined_on=datetime.date(2019, 1, 1),
        left_on=datetime.date(2023, 6, 30),
    )
    html = client.get(member.get_absolute_url()).content.decode()
    assert "Former member" in html


def test_city_page_with_an_old_slug_redirects(client):
    url = reverse("cities:city_detail", kwargs={"geonameid": 2759794, "slug": "old"})
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"].endswith("/cities/2759794-amsterdam/")


def test_unknown_city_is_a_helpful_404(client):
    response = client.get("/en/cities/1-nowhere/")
    assert response.status_code == 404
    assert "We cannot find that page" in response.content.decode()


@pytest.mark.django_db
def test_map_markers_use_a_decimal_point_in_every_language(client):
    import re

    html = client.get("/fr/cities/").content.decode()
    assert re.search(r'<circle cx="\d+(\.\d+)?" cy="\d+(\.\d+)?"', html)
    assert not re.search(r'c[xy]="\d+,\d', html)


@pytest.mark.django_db
def test_uploads_are_served_in_development(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "cities").mkdir()
    (tmp_path / "cities" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/cities/logo.png").status_code == 200
    assert client.get("/media/../settings.py").status_code in (400, 404)

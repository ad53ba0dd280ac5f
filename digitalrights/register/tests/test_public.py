"""The public register, an entry's page, the city page, sitemap and demo."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digitalrights.cities.models import City
from digitalrights.cities.tests.factories import CityFactory, MemberFactory
from digitalrights.register.models import AlgorithmEntry

from .factories import AlgorithmEntryFactory, member_city, published

pytestmark = pytest.mark.django_db

INDEX = reverse("register:index")


def titles(response) -> set[str]:
    return {entry.title for entry in response.context["entries"]}


def test_an_entry_page_shows_every_section(client):
    entry = published(
        title="Chatbot for city services",
        code_url="https://code.example.org/chatbot",
        more_info_url="https://city.example.org/chatbot",
        contact_email="chat@city.example.org",
        supplier="Chat Ltd",
    )
    response = client.get(entry.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for heading in (
        "Basic information",
        "Use case",
        "Data",
        "How it works",
        "Human oversight",
        "How to object",
        "Contact",
        "Dates",
    ):
        assert f">{heading}</h2>" in page, heading
    for text in (
        entry.summary,
        escape(entry.purpose),
        escape(entry.objection),
        "Chat Ltd",
        'href="https://code.example.org/chatbot"',
        "mailto:chat@city.example.org",
        "Minimal risk",
        "In use",
    ):
        assert text in page, text


def test_drafts_are_not_found_and_a_wrong_slug_redirects(client):
    draft = AlgorithmEntryFactory()
    assert client.get(draft.get_absolute_url()).status_code == 404
    entry = published(title="Scan car")
    response = client.get(f"/en/register/{entry.pk}-old-name/")
    assert response.status_code == 301
    assert response["Location"] == entry.get_absolute_url()
    assert client.get("/en/register/999999999-x/").status_code == 404


def test_an_entry_written_in_another_language_says_so(client):
    entry = published(language="nl", title="Scanauto")
    page = client.get(entry.get_absolute_url()).content.decode()
    assert '<h1 lang="nl">Scanauto</h1>' in page


def test_the_register_lists_published_entries_only(client):
    shown = published(title="Shown to everyone")
    AlgorithmEntryFactory(title="Still a draft", city=shown.city)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert "Shown to everyone" in titles(response)
    assert "Still a draft" not in response.content.decode()


def test_facets_combine_within_and_across(client):
    city = member_city()
    other = member_city()
    published(city=city, title="A high", risk="high", status="in_use")
    published(city=city, title="A minimal", risk="minimal", status="piloting")
    published(city=other, title="B high", risk="high", status="in_use")
    one_city = {"city": str(city.geonameid)}
    first = client.get(INDEX, one_city)
    assert titles(first) == {"A high", "A minimal"}
    both = client.get(
        INDEX, {"city": [city.geonameid, other.geonameid], "risk": "high"}
    )
    assert titles(both) == {"A high", "B high"}
    assert titles(client.get(INDEX, {**one_city, "status": "piloting"})) == {
        "A minimal"
    }
    # A value's count says how many choosing it would show.
    facets = {f.key: f for f in first.context["facets"]}
    risks = {v.value: v.count for v in facets["risk"].values}
    assert risks["high"] == 1 and risks["minimal"] == 1
    assert "Remove filter City: " in first.content.decode()


def test_the_country_facet_filters_by_the_city_s_country(client):
    french = MemberFactory(city=CityFactory(country_code="FR")).city
    published(city=french, title="In France")
    response = client.get(INDEX, {"country": "FR"})
    assert titles(response) == {"In France"}


def test_an_empty_choice_says_so(client):
    response = client.get(INDEX, {"risk": "unacceptable"})
    assert response.status_code == 200
    assert "No system matches these filters." in response.content.decode()


def test_an_empty_register_says_so(client):
    AlgorithmEntry.objects.all().delete()
    page = client.get(INDEX).content.decode()
    assert "No city has published an entry in its register yet." in page


@pytest.mark.parametrize(
    "params",
    [
        {"risk": "catastrophic"},
        {"status": "<script>alert(1)</script>"},
        {"country": "XX"},
        {"country": "fr"},
        {"city": "99999999999999999999"},
        {"city": "-1"},
        {"page": "x"},
        {"page": "99999"},
        {"page": "-3"},
        {"city": "\x00"},
    ],
)
def test_unknown_facet_values_are_left_out_never_an_error(client, params):
    response = client.get(INDEX, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page


def test_an_unknown_value_is_named_in_a_notice(client):
    page = client.get(INDEX, {"risk": "catastrophic"}).content.decode()
    assert "This filter is not known and was left out: catastrophic." in page


def test_pages_keep_the_facets(client):
    city = member_city()
    for number in range(25):
        published(city=city, title=f"System {number}")
    response = client.get(INDEX, {"city": city.geonameid})
    assert len(response.context["entries"]) == 20
    page = response.content.decode()
    assert f"?city={city.geonameid}&amp;page=2" in page
    second = client.get(INDEX, {"city": city.geonameid, "page": 2})
    assert len(second.context["entries"]) == 5


def test_the_register_takes_the_same_queries_however_many_entries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        client.get(INDEX)
    for _ in range(10):
        published(city=member_city())
    client.cookies.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(INDEX, {"status": "in_use"})


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["city", "country", "status", "risk", "page", "q"]),
            st.one_of(
                st.text(max_size=80),
                st.sampled_from(["2759794", "NL", "in_use", "high", "0", "9" * 12]),
            ),
        ),
        max_size=8,
    )
)
def test_no_query_string_makes_the_register_fail(client, params):
    from urllib.parse import urlencode

    response = client.get(f"{INDEX}?{urlencode(params)}")
    assert response.status_code == 200


def test_the_city_page_lists_its_published_entries(client):
    city = member_city()
    entry = published(city=city, title="Shown on the city page")
    AlgorithmEntryFactory(city=city, title="A draft of the city")
    page = client.get(city.get_absolute_url()).content.decode()
    assert "Algorithm register" in page
    assert entry.get_absolute_url() in page
    assert "A draft of the city" not in page
    assert f"{INDEX}?city={city.geonameid}" in page


def test_a_member_without_entries_says_so_and_others_show_nothing(client):
    city = member_city()
    page = client.get(city.get_absolute_url()).content.decode()
    assert "has not published any entry in its algorithm register yet" in page
    stranger = CityFactory()
    page = client.get(stranger.get_absolute_url()).content.decode()
    assert "register-heading" not in page


def test_every_page_links_the_register_from_the_footer(client):
    page = client.get("/en/").content.decode()
    assert f'href="{INDEX}"' in page


def test_the_sitemap_lists_published_entries_in_every_language(client):
    entry = published(title="In the sitemap")
    draft = AlgorithmEntryFactory(title="Not in the sitemap")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/nl/register/{entry.pk}-in-the-sitemap/" in xml
    assert f"/register/{draft.pk}-" not in xml


def test_the_demo_fills_four_cities_registers(client):
    entries = AlgorithmEntry.objects.published().filter(
        city__geonameid__in=[2759794, 3128760, 658225, 5128581]
    )
    assert entries.count() >= 5
    assert {e.city.geonameid for e in entries} == {2759794, 3128760, 658225, 5128581}
    assert {"planned", "piloting", "in_use", "retired"} <= {e.status for e in entries}
    assert {"minimal", "limited", "high"} <= {e.risk for e in entries}
    for entry in entries:
        entry.full_clean()
    helsinki = City.objects.get(geonameid=658225)
    page = client.get(helsinki.get_absolute_url()).content.decode()
    assert "Chatbot for city services" in page


def test_the_demo_load_is_idempotent_and_removable():
    from digitalrights.demo.register import register_load

    assert register_load(mark=lambda obj: None) == 0

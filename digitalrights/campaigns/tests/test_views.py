import datetime
import re
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.utils import timezone, translation
from django.utils.cache import get_max_age
from django.utils.translation import gettext, ngettext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from digitalrights.cities.models import MemberStatus
from digitalrights.cities.tests.factories import CityFactory, MemberFactory

from .factories import CampaignPageFactory

pytestmark = pytest.mark.django_db

DEMO = "/en/campaigns/100-cities-in-100-days/"
BADGE = DEMO + "badge.svg"
SVG = "{http://www.w3.org/2000/svg}"
DAY = datetime.timedelta(days=1)


def svg_of(response) -> ElementTree.Element:
    # Our own response, parsed to prove it is well-formed XML.
    return ElementTree.fromstring(response.content)  # noqa: S314


def text_of(html: str) -> str:
    """Return the words of a page, as a reader gets them."""
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([.,;:)])", r"\1", words)


def test_campaign_page_shows_progress_dates_cities_and_map(client):
    response = client.get(DEMO)
    html = response.content.decode()
    text = text_of(html)
    assert response.status_code == 200
    assert "<h1>100 cities in 100 days</h1>" in html
    assert "23 of 100 cities joined" in text
    assert '<progress id="campaign-progress-' in html
    assert 'max="100" value="23"' in html
    assert "Ended on March 28, 2019" not in text
    assert "Ended on July 5, 2019." in text
    assert html.count('class="marker') == 23
    assert html.count("<tr>") == 24  # the head and one row per city
    assert 'href="/en/cities/264371-athens/"' in html
    assert "including any city that has left the coalition since" in text
    assert "<script" not in html


def test_campaign_map_places_markers_with_plain_numbers_in_every_language(client):
    html = client.get("/fr/campaigns/100-cities-in-100-days/").content.decode()
    positions = re.findall(
        r'<circle cx="([^"]+)" cy="([^"]+)" r="5" class="marker', html
    )
    assert len(positions) == 23
    for x, y in positions:
        assert 0 <= float(x) <= 1000
        assert 0 <= float(y) <= 400


def test_campaign_page_lists_cities_in_join_order(client):
    MemberFactory(
        city=CityFactory(name="Latecomer"), joined_on=datetime.date(2019, 7, 5)
    )
    MemberFactory(
        city=CityFactory(name="Aardvark"), joined_on=datetime.date(2019, 6, 1)
    )
    text = text_of(client.get(DEMO).content.decode())
    table = text[text.index("in order of joining") :]
    order = ["1 Athens", "2 Austin", "23 Zaragoza", "24 Aardvark", "25 Latecomer"]
    positions = [table.index(row) for row in order]
    assert positions == sorted(positions)


def test_campaign_page_offers_the_badge_and_code_to_embed_it(client):
    html = client.get(DEMO).content.decode()
    assert f'<img src="{BADGE}"' in html
    # The code to copy, escaped so that it shows as text.
    assert (
        "&lt;a href=&quot;http://testserver/en/campaigns/100-cities-in-100-days/"
        "&quot;&gt;&lt;img src=&quot;http://testserver/en/campaigns/"
        "100-cities-in-100-days/badge.svg&quot;"
    ) in html
    assert '<label for="badge-code">' in html


def test_badge_is_a_cacheable_svg_image_without_script(client):
    response = client.get(BADGE)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert get_max_age(response) == 3600
    assert response["ETag"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    svg = svg_of(response)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == (
        "100 cities in 100 days: 23 of 100 cities joined. Ended on July 5, 2019."
    )
    assert svg.get("aria-labelledby") == "badge-title badge-description"
    assert not svg.findall(f".//{SVG}script")
    assert b"<script" not in response.content
    assert b"href" not in response.content  # it loads nothing


def test_badge_answers_304_to_a_client_that_has_it(client):
    first = client.get(BADGE)
    again = client.get(BADGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    client.get(DEMO)  # and from the page cache too
    cached = client.get(BADGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304


def test_badge_changes_its_etag_when_a_city_joins_in_the_window(client):
    first = client.get(BADGE)
    MemberFactory(joined_on=datetime.date(2019, 4, 2))
    response = client.get(BADGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "24 of 100 cities joined" in svg_of(response).find(f"{SVG}title").text


def test_badge_speaks_the_language_of_its_address(client):
    response = client.get("/fr/campaigns/100-cities-in-100-days/badge.svg")
    svg = svg_of(response)
    assert svg.get("lang") == "fr"
    with translation.override("fr"):
        joined = ngettext(
            "%(joined)s of %(target)s city joined",
            "%(joined)s of %(target)s cities joined",
            100,
        ) % {"joined": 23, "target": 100}
        ended = gettext("Ended on %(date)s") % {"date": "5 juillet 2019"}
    title = svg.find(f"{SVG}title").text
    assert title.startswith("100 villes en 100 jours")
    assert joined in title
    assert ended in title
    # Numbers in the drawing stay numbers: no decimal comma in French.
    for shape in svg.iter(f"{SVG}rect"):
        float(shape.get("width"))


def test_badge_of_a_running_campaign_counts_the_days_left(client):
    today = timezone.localdate()
    campaign = CampaignPageFactory(
        slug="running", starts_on=today - DAY, ends_on=today + 9 * DAY, target=3
    )
    MemberFactory(joined_on=today)
    title = svg_of(client.get(campaign.badge_url())).find(f"{SVG}title").text
    assert title == f"{campaign.title}: 1 of 3 cities joined. 10 days left."


def test_badge_of_a_campaign_on_its_last_day_says_so(client):
    today = timezone.localdate()
    campaign = CampaignPageFactory(slug="last", starts_on=today - DAY, ends_on=today)
    title = svg_of(client.get(campaign.badge_url())).find(f"{SVG}title").text
    assert title.endswith("0 of 10 cities joined. Ends today.")


def test_badge_of_a_campaign_to_come_gives_its_first_day(client):
    campaign = CampaignPageFactory(
        slug="later",
        starts_on=datetime.date(2099, 1, 2),
        ends_on=datetime.date(2099, 2, 1),
    )
    title = svg_of(client.get(campaign.badge_url())).find(f"{SVG}title").text
    assert title.endswith("Starts on Jan. 2, 2099.")


def test_a_long_campaign_name_is_squeezed_into_the_badge(client):
    campaign = CampaignPageFactory(slug="long", title="A very long name " * 6)
    svg = svg_of(client.get(campaign.badge_url()))
    name = svg.findall(f"{SVG}text")[0]
    assert name.get("textLength") == "328"
    assert len(name.text) <= 48
    assert svg.find(f"{SVG}title").text.startswith(campaign.title)


def test_no_badge_for_a_draft_or_another_language(client):
    draft = CampaignPageFactory(slug="draft", live=False)
    assert client.get(draft.badge_url()).status_code == 404
    assert client.get("/en/campaigns/no-such-campaign/badge.svg").status_code == 404


@pytest.mark.parametrize(
    "slug",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "..",
        "%00",
        "\x00",
        "campaña",
        "x" * 5000,
        "100-cities-in-100-days\n",
        "😀",
    ],
)
def test_badge_addresses_with_any_slug_never_fail(client, slug):
    response = client.get(f"/en/campaigns/{quote(slug, safe='')}/badge.svg")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"page": "-1"},
        {"page": "abc"},
        {"q": "<script>alert(1)</script>"},
        {"starts_on": "9999-99-99"},
        {"x": "\x00"},
    ],
)
def test_campaign_pages_ignore_any_query_string(client, query):
    for path in (DEMO, BADGE, "/en/campaigns/"):
        response = client.get(path, query)
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck)
)
@given(slug=st.text(max_size=80))
def test_no_slug_ever_fails_with_a_server_error(client, slug):
    response = client.get(f"/en/campaigns/{quote(slug, safe='')}/badge.svg")
    assert response.status_code in (200, 301, 404)


def test_campaign_index_lists_the_campaigns_by_phase(client):
    today = timezone.localdate()
    CampaignPageFactory(title="Now", starts_on=today, ends_on=today + 9 * DAY)
    html = client.get("/en/campaigns/").content.decode()
    assert html.index("Running now") < html.index("Now") < html.index("Past campaigns")
    assert html.index("Past campaigns") < html.index("100 cities in 100 days")


def test_home_page_shows_the_running_campaign_with_its_progress(client):
    today = timezone.localdate()
    campaign = CampaignPageFactory(
        title="Twenty cities this month",
        starts_on=today - 3 * DAY,
        ends_on=today + 4 * DAY,
        target=20,
    )
    MemberFactory(joined_on=today - DAY)
    html = client.get("/en/").content.decode()
    text = text_of(html)
    assert f'href="{campaign.url}"' in html
    assert "Twenty cities this month" in text
    assert "1 of 20 cities joined" in text
    assert "5 days left" in text
    assert "19 more cities are needed." in text


def test_home_page_shows_no_campaign_once_it_has_ended(client):
    today = timezone.localdate()
    CampaignPageFactory(
        title="Over yesterday", starts_on=today - 9 * DAY, ends_on=today - DAY
    )
    CampaignPageFactory(title="Not yet", starts_on=today + DAY, ends_on=today + 9 * DAY)
    html = client.get("/en/").content.decode()
    assert "Over yesterday" not in html
    assert "Not yet" not in html
    assert 'id="campaign-heading"' not in html
    assert "campaign-progress" not in html


def test_home_page_in_another_language_marks_an_untranslated_campaign(client):
    today = timezone.localdate()
    CampaignPageFactory(title="English only", starts_on=today, ends_on=today + 9 * DAY)
    synchronize_tree(
        Locale.objects.get(language_code="en"), Locale.objects.get(language_code="nl")
    )
    html = client.get("/nl/").content.decode()
    assert '<h2 id="campaign-heading" lang="en">' in html
    assert '<section class="wrap band home-campaign" aria-labelledby' in html
    assert "English only" in html


def test_campaign_page_query_count_does_not_grow_with_cities(
    client, django_assert_max_num_queries
):
    today = timezone.localdate()
    campaign = CampaignPageFactory(starts_on=today - 9 * DAY, ends_on=today)
    paths = [campaign.url, campaign.badge_url(), "/en/", "/en/campaigns/"]
    counts = {}
    for path in paths:
        with django_assert_max_num_queries(40) as queries:
            assert client.get(path).status_code == 200
        counts[path] = len(queries.captured_queries)
    for day in range(30):
        MemberFactory(joined_on=today - (day % 10) * DAY)  # clears the page cache
    for path in paths:
        with django_assert_max_num_queries(counts[path]):
            response = client.get(path)
        assert response.status_code == 200
    assert "30 of 10 cities joined" in text_of(
        client.get(campaign.url).content.decode()
    )


def test_a_city_joining_updates_the_cached_campaign_page(client):
    assert "23 of 100 cities joined" in text_of(client.get(DEMO).content.decode())
    newcomer = MemberFactory(
        city=CityFactory(name="Newcomer"), joined_on=datetime.date(2019, 5, 1)
    )
    html = client.get(DEMO).content.decode()
    assert "24 of 100 cities joined" in text_of(html)
    assert "Newcomer" in html

    # Leaving the coalition later keeps the city in the count.
    newcomer.status = MemberStatus.FORMER
    newcomer.left_on = datetime.date(2024, 1, 1)
    newcomer.save(update_fields=["status", "left_on"])
    text = text_of(client.get(DEMO).content.decode())
    assert "24 of 100 cities joined" in text
    assert "The count includes 1 city that has left the coalition since." in text
    assert "left on Jan. 1, 2024" in text


def test_publishing_a_change_to_the_campaign_updates_the_cached_page(client):
    from digitalrights.campaigns.models import CampaignPage

    assert "23 of 100 cities joined" in text_of(client.get(DEMO).content.decode())
    campaign = CampaignPage.objects.get(
        slug="100-cities-in-100-days", locale__language_code="en"
    )
    campaign.target = 50
    campaign.save_revision().publish()
    assert "23 of 50 cities joined" in text_of(client.get(DEMO).content.decode())
    assert (
        "23 of 50 cities joined" in svg_of(client.get(BADGE)).find(f"{SVG}title").text
    )

import io

import pypdf
import pytest
from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from digitalrights.content.models import NewsIndexPage, NewsPage, PrinciplePage

pytestmark = pytest.mark.django_db

PRINCIPLE_TITLES = [
    "Universal and equal access to the internet, and digital literacy",
    "Privacy, data protection and security",
    "Transparency, accountability, and non-discrimination of data, content and"
    " algorithms",
    "Participatory democracy, diversity and inclusion",
    "Open and ethical digital service standards",
]


def test_root_sends_visitors_to_their_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ca,es;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/ca/"


def test_home_page_says_what_the_coalition_is_and_what_to_do_next(client):
    html = client.get("/en/").content.decode()
    for title in PRINCIPLE_TITLES:
        assert title in html
    for action in (
        "Read the declaration",
        "What cities are doing",
        "Endorse my city",
        "Follow the news",
    ):
        assert action in html
    assert "<strong>28</strong>" in html


def test_every_page_lists_its_translations_for_search_engines(client):
    html = client.get("/en/declaration/").content.decode()
    for code, _name in settings.LANGUAGES:
        assert f'hreflang="{code}" href="http://testserver/{code}/declaration/"' in html
    assert 'hreflang="x-default"' in html


def test_city_pages_link_their_translations_too(client):
    html = client.get("/en/cities/2759794-amsterdam/").content.decode()
    assert 'hreflang="fr" href="http://testserver/fr/cities/2759794-amsterdam/"' in html


def test_each_principle_has_its_own_page_in_order(client):
    principles = PrinciplePage.objects.live().filter(locale__language_code="en")
    assert sorted(p.number for p in principles) == [1, 2, 3, 4, 5]
    for principle in principles:
        response = client.get(principle.url)
        assert response.status_code == 200
        assert principle.title in response.content.decode()


def test_declaration_links_the_official_text_and_offers_share_links(client):
    html = client.get("/en/declaration/").content.decode()
    assert settings.DECLARATION_SOURCE_URL in html
    assert "mailto:?subject=" in html
    assert "<script" not in html


def test_declaration_downloads_as_a_well_formed_pdf(client):
    response = client.get("/en/declaration/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content), strict=True)
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    for title in PRINCIPLE_TITLES:
        assert " ".join(title.split()) in text
    assert reader.metadata.title == "The declaration"


def test_partners_page_names_the_partners(client):
    html = client.get("/en/partners/").content.decode()
    for name in ("UN-Habitat", "UCLG", "Eurocities", "OHCHR"):
        assert name in html


@pytest.mark.parametrize("path", ["/en/about/", "/en/working-groups/", "/en/privacy/"])
def test_editorial_pages_answer(client, path):
    assert client.get(path).status_code == 200


def test_news_lists_newest_first_and_survives_bad_page_numbers(client):
    html = client.get("/en/news/").content.decode()
    assert html.index("Toronto joins") < html.index("launch the coalition")
    for page in ("abc", "-5", "9999"):
        assert client.get("/en/news/", {"page": page}).status_code == 200


def test_unknown_address_gives_a_translated_404(client):
    response = client.get("/fr/cette-page-n-existe-pas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr"' in html
    assert "Page not found" not in html


def test_untranslated_content_is_marked_with_its_language(client):
    news_index = NewsIndexPage.objects.get(locale__language_code="en")
    news_index.add_child(
        instance=NewsPage(slug="only-in-english", title="Only in English", intro="x")
    )
    synchronize_tree(
        Locale.objects.get(language_code="en"), Locale.objects.get(language_code="nl")
    )
    html = client.get("/nl/news/only-in-english/").content.decode()
    assert '<html lang="nl"' in html
    assert '<main id="main" tabindex="-1" lang="en">' in html


def test_translated_content_is_shown_in_the_visitors_language(client):
    html = client.get("/nl/news/toronto-joins/").content.decode()
    assert '<main id="main" tabindex="-1">' in html
    assert "Toronto" in html


def test_the_privacy_page_is_the_editors_page_and_links_to_your_data(client):
    html = client.get("/en/privacy/").content.decode()
    assert "<h1>Privacy</h1>" in html
    assert 'href="/en/your-data/"' in html

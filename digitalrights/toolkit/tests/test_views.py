import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Locale

from digitalrights.cities.models import City
from digitalrights.content.models import HomePage
from digitalrights.core.models import Principle, Topic
from digitalrights.toolkit.models import Resource
from digitalrights.workinggroups.models import WorkingGroupIndexPage, WorkingGroupPage

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = 2759794


@pytest.fixture
def amsterdam():
    return City.objects.get(geonameid=AMSTERDAM)


@pytest.fixture
def groups_index():
    home = HomePage.objects.get(locale__language_code="en")
    index = WorkingGroupIndexPage(title="Groups for toolkit tests", slug="tk-groups")
    home.add_child(instance=index)
    return index


def _group(index, title, *, outputs, live=True):
    group = WorkingGroupPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="What the group works on.",
        principle=Principle.objects.get(number=3),
        live=live,
    )
    index.add_child(instance=group)
    group.outputs.set(outputs)
    group.save()
    return group


def test_published_resource_shows_what_it_is_and_where_it_comes_from(client, amsterdam):
    privacy = Topic.objects.get(slug="privacy")
    resource = ResourceFactory(
        title="Algorithm register template",
        summary="A template for the register of algorithms.",
        kind="template",
        source_city=amsterdam,
        source_organisation="",
        language="nl",
        licence="EUPL-1.2",
        url="https://www.example.org/register",
        principles=list(Principle.objects.filter(number__in=[2, 3])),
        topics=[privacy],
    )
    response = client.get(resource.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Algorithm register template</h1>" in html
    assert "Template" in html
    assert "A template for the register of algorithms." in html
    assert "Privacy, data protection and security" in html
    assert "Transparency, accountability" in html
    assert "<li>Privacy</li>" in html
    assert "Dutch" in html
    assert (
        '<a href="https://spdx.org/licenses/EUPL-1.2.html" rel="external license">'
        "EUPL-1.2</a>"
    ) in html
    assert f'<a href="{amsterdam.get_absolute_url()}">Amsterdam</a>' in html
    assert '<time datetime="2024-05-01">' in html
    assert 'href="https://www.example.org/register"' in html
    assert "Open it on example.org" in html
    # The feeds, announced to readers and shown as links.
    assert (
        '<link rel="alternate" type="application/atom+xml"'
        ' title="New in the toolkit" href="/en/toolkit/feed/">'
    ) in html
    assert 'href="/en/toolkit/feed/principle/3/"' in html
    assert f'href="/en/toolkit/feed/city/{AMSTERDAM}/"' in html
    assert "/static/toolkit/toolkit.css" in html


def test_page_is_translated_with_the_interface(client):
    resource = ResourceFactory(language="fr")
    response = client.get(f"/es{resource.get_absolute_url()[3:]}")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es"' in html
    assert "Francés" in html


def test_a_file_is_offered_with_its_type_and_size(client):
    document = Document(title="Checklist")
    document.file.save("checklist.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2000))
    document._set_document_file_metadata()
    document.save()
    resource = ResourceFactory(document=document, url="")
    html = client.get(resource.get_absolute_url()).content.decode()
    assert f'href="{document.url}"' in html
    assert "Download the file (PDF, 2.0\xa0KB)" in html
    assert "Open it on" not in html


def test_an_organisation_is_named_and_an_unknown_licence_said_so(client):
    resource = ResourceFactory(source_organisation="Internet Rights Coalition")
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "Internet Rights Coalition" in html
    assert "Not known: ask its makers before you reuse it." in html


def test_a_licence_expression_is_shown_without_a_link(client):
    resource = ResourceFactory(licence="MIT OR Apache-2.0")
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "MIT OR Apache-2.0" in html
    assert "spdx.org" not in html


def test_an_unpublished_resource_is_not_found(client):
    resource = ResourceFactory(live=False)
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_a_wrong_slug_redirects_to_the_right_address(client):
    resource = ResourceFactory(title="Open data guide")
    response = client.get(f"/en/toolkit/{resource.pk}-old-name/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/toolkit/{resource.pk}-open-data-guide/"


def test_a_wrong_slug_of_an_unpublished_resource_is_not_found(client):
    resource = ResourceFactory(live=False)
    assert client.get(f"/en/toolkit/{resource.pk}-x/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/toolkit/0-anything/",
        "/en/toolkit/999999999-anything/",
        "/en/toolkit/9223372036854775807-anything/",
        "/en/toolkit/9223372036854775808-anything/",
        "/en/toolkit/99999999999999999999999999999-anything/",
        "/en/toolkit/-1-anything/",
        "/en/toolkit/1e3-anything/",
        "/en/toolkit/%00-anything/",
        "/en/toolkit/1-%00/",
        "/en/toolkit/1-%3Cscript%3E/",
        "/en/toolkit/1-caf%C3%A9/",
        "/en/toolkit/1-" + "a" * 5000 + "/",
        "/en/toolkit/abc/",
        "/en/toolkit/1/",
    ],
)
def test_crafted_addresses_are_not_found(client, path):
    response = client.get(path)
    assert response.status_code in (301, 404)
    if response.status_code == 301:
        # Only an existing resource redirects, and to its own address.
        assert response["Location"].startswith("/en/toolkit/1-")


def test_only_reading_is_allowed(client):
    resource = ResourceFactory()
    assert client.post(resource.get_absolute_url()).status_code == 405
    assert client.head(resource.get_absolute_url()).status_code == 200


def test_working_groups_that_produced_it_are_linked_when_live(client, groups_index):
    resource = ResourceFactory()
    other = ResourceFactory()
    _group(groups_index, "Algorithms group", outputs=[resource])
    _group(groups_index, "Draft group", outputs=[resource], live=False)
    _group(groups_index, "Other group", outputs=[other])
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "The working group that produced it" in html
    assert ">Algorithms group</a>" in html
    assert "Draft group" not in html
    assert "Other group" not in html


def test_without_working_groups_there_is_no_such_section(client):
    resource = ResourceFactory()
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "produced it" not in html


def test_a_working_group_is_linked_in_the_visitors_language(client, groups_index):
    resource = ResourceFactory()
    english = _group(groups_index, "Privacy group", outputs=[resource])
    french = english.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    french.title = "Groupe vie privée"
    french.save_revision().publish()
    french_url = french.get_url()
    untranslated = _group(groups_index, "Inclusion group", outputs=[resource])

    html = client.get(f"/fr{resource.get_absolute_url()[3:]}").content.decode()
    # The resource's own text is in English, and says so.
    assert f'<h1 lang="en">{resource.title}</h1>' in html
    assert '<a href="/fr/toolkit/">' in html
    assert f'<a href="{french_url}">Groupe vie privée</a>' in html
    assert "Privacy group" not in html
    # A group not translated is shown in English, and marked so.
    assert (
        f'<a href="{untranslated.get_url()}" lang="en" hreflang="en">'
        "Inclusion group</a>"
    ) in html


def test_demo_resources_are_public(client):
    resources = Resource.objects.published()
    assert resources.count() >= 8
    for resource in resources:
        assert client.get(resource.get_absolute_url()).status_code == 200


def test_queries_do_not_grow_with_principles_topics_and_groups(
    client,
    groups_index,
    amsterdam,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    small = ResourceFactory(
        source_city=amsterdam, topics=[Topic.objects.get(slug="privacy")]
    )
    _group(groups_index, "Group one", outputs=[small])
    client.get(small.get_absolute_url())  # warm what every page loads once
    cache.clear()  # the measured requests must build the page, not reuse it
    with django_assert_max_num_queries(50) as few:
        assert client.get(small.get_absolute_url()).status_code == 200
    count = len(few.captured_queries)

    large = ResourceFactory(
        source_city=amsterdam,
        principles=list(Principle.objects.all()),
        topics=list(Topic.objects.all()),
    )
    for n in range(4):
        _group(groups_index, f"Group {n + 2}", outputs=[large])
    client.get(large.get_absolute_url())
    cache.clear()
    with django_assert_num_queries(count):
        assert client.get(large.get_absolute_url()).status_code == 200


def test_an_id_written_with_leading_zeros_redirects(client):
    resource = ResourceFactory(title="Zero guide")
    response = client.get(f"/en/toolkit/000{resource.pk}-zero-guide/")
    assert response.status_code == 301
    assert response["Location"] == resource.get_absolute_url()


def test_a_cached_page_shows_new_principles_at_once(client):
    resource = ResourceFactory()
    url = resource.get_absolute_url()
    assert "Open and ethical digital service standards" not in (
        client.get(url).content.decode()
    )
    resource.principles.add(Principle.objects.get(number=5))
    assert "Open and ethical digital service standards" in (
        client.get(url).content.decode()
    )


def test_the_sitemap_lists_published_resources_in_every_language(rf):
    from django.contrib.sites.requests import RequestSite

    from digitalrights.toolkit.sitemaps import ResourceSitemap

    hidden = ResourceFactory(live=False)
    shown = ResourceFactory()
    site = RequestSite(rf.get("/"))
    urls = [entry["location"] for entry in ResourceSitemap().get_urls(site=site)]
    assert any(url.endswith(f"/fr/toolkit/{shown.pk}-{shown.slug}/") for url in urls)
    assert not any(f"/toolkit/{hidden.pk}-" in url for url in urls)


def test_sitemap_xml_leaves_out_unpublished_resources(client):
    hidden = ResourceFactory(live=False)
    shown = ResourceFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/en/toolkit/{shown.pk}-{shown.slug}/" in xml
    assert f"/toolkit/{hidden.pk}-" not in xml


def test_the_city_page_lists_only_published_resources(client, amsterdam):
    ResourceFactory(title="Shared register", source_city=amsterdam)
    ResourceFactory(title="Draft register", source_city=amsterdam, live=False)
    html = client.get(amsterdam.get_absolute_url()).content.decode()
    assert "Shared register" in html
    assert "Draft register" not in html

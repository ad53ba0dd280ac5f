"""``/api/v1/resources/``: the toolkit's published resources, like its pages."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from wagtail.documents.models import Document

from digitalrights.core.models import Principle, Topic
from digitalrights.initiatives.tests.factories import member_city
from digitalrights.toolkit.models import ResourceKind
from digitalrights.toolkit.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/resources/"


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["results"]]


def document(name: str = "checklist.pdf") -> Document:
    made = Document(title="Checklist")
    made.file.save(name, ContentFile(b"%PDF-1.4\nThe checklist.\n"))
    made._set_document_file_metadata()
    made.save()
    return made


def test_a_resource_says_what_its_page_says_and_its_file_is_at_documents(
    client, settings
):
    # Even if Wagtail were told to link files directly under /media/.
    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    city = member_city()
    resource = ResourceFactory(
        kind=ResourceKind.POLICY,
        source_city=city,
        source_organisation="",
        document=document(),
        url="",
        licence="CC-BY-4.0",
        language="es",
        principles=[Principle.objects.get(number=4)],
        topics=[Topic.objects.get(slug="broadband")],
    )
    body = client.get(f"{URL}{resource.pk}", {"lang": "ca"}).json()
    assert (body["type"], body["type_label"]) == ("policy", "Política")
    assert body["principles"] == [4]
    assert body["topics"] == [{"slug": "broadband", "label": "Banda ampla"}]
    assert body["language"] == "es" and body["licence"] == "CC-BY-4.0"
    assert body["source_city"]["geonameid"] == city.geonameid
    assert body["source_organisation"] is None and body["link"] is None
    file = body["file"]
    assert file["url"].startswith("http://127.0.0.1:8000/documents/")
    assert "/media/" not in file["url"]
    assert file["extension"] == "pdf" and file["size"] > 0
    assert body["version_date"] == "2024-05-01"
    assert (
        body["url"]
        == f"http://127.0.0.1:8000/ca/toolkit/{resource.pk}-{resource.slug}/"
    )


def test_a_link_from_an_organisation(client):
    resource = ResourceFactory(url="https://example.org/guide")
    body = client.get(f"{URL}{resource.pk}").json()
    assert body["link"] == "https://example.org/guide"
    assert body["file"] is None and body["source_city"] is None
    assert body["source_organisation"] == "Test Organisation"
    assert body["licence"] is None


def test_an_unpublished_resource_is_never_listed_nor_found(client):
    hidden = ResourceFactory(live=False, document=document(), title="Hidden")
    shown = ResourceFactory(title="Shown")
    listed = ids(client.get(URL, {"page_size": 100}).json())
    assert shown.pk in listed and hidden.pk not in listed
    missing = client.get(f"{URL}{hidden.pk}")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert hidden.document.filename not in client.get(URL).content.decode()


def test_filters_read_like_the_toolkit_s_address_and_pages_follow(client):
    city = member_city()
    policy = ResourceFactory(
        kind=ResourceKind.POLICY,
        source_city=city,
        version_date=datetime.date(2023, 1, 1),
    )
    tool = ResourceFactory(
        kind=ResourceKind.TOOL,
        source_city=city,
        version_date=datetime.date(2025, 1, 1),
    )
    mine = {"city": city.geonameid}
    assert ids(client.get(URL, mine | {"type": "tool"}).json()) == [tool.pk]
    both = client.get(URL, mine | {"type": ["tool", "policy"], "page_size": 1})
    first = both.json()
    second = client.get(first["next"]).json()
    assert ids(first) + ids(second) == [tool.pk, policy.pk]
    assert second["next"] is None
    oldest = client.get(URL, mine | {"sort": "oldest"}).json()
    assert ids(oldest) == [policy.pk, tool.pk]
    country = city.country_code.lower()
    assert set(ids(client.get(URL, mine | {"country": country}).json())) == {
        policy.pk,
        tool.pk,
    }


@pytest.mark.parametrize(
    "query",
    [
        {"type": "initiative"},
        {"type": "<script>"},
        {"principle": "0"},
        {"language": "klingon"},
        {"city": "-3"},
        {"topic": "a b"},
        {"page_size": "101"},
        {"cursor": "eyJ0aXRsZSI6MX0"},
        {"cursor": "WyJuZXdlc3QiLCAiMjAyNC0xMy0wMSIsIDFd"},  # month 13
        {"sort": "title;"},
    ],
)
def test_hostile_input_is_a_problem_document_never_a_crash(client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_a_list_page_takes_the_same_queries_however_many(
    client, django_assert_max_num_queries
):
    city = member_city()
    topics = list(Topic.objects.all()[:3])
    ResourceFactory(source_city=city, document=document(), topics=topics[:1])
    query = {"city": city.geonameid}
    with CaptureQueriesContext(connection) as few:
        assert len(ids(client.get(URL, query).json())) == 1
    for number in range(6):
        ResourceFactory(
            source_city=member_city() if number % 2 else city,
            document=document(f"file{number}.pdf"),
            principles=list(Principle.objects.all()),
            topics=topics,
        )
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(ids(client.get(URL, query).json())) == 4


def test_one_resource_can_be_revalidated_by_date(client):
    resource = ResourceFactory()
    url = f"{URL}{resource.pk}"
    response = client.get(url)
    assert response["Last-Modified"] == http_date(resource.updated_at.timestamp())
    cache.clear()
    later = client.get(url, headers={"If-Modified-Since": response["Last-Modified"]})
    assert later.status_code == 304

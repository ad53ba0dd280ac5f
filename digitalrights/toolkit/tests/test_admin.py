import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from digitalrights.cities.models import City
from digitalrights.core.models import Topic, TopicName
from digitalrights.toolkit.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = 2759794
ADD = "/admin/snippets/toolkit/resource/add/"
LIST = "/admin/snippets/toolkit/resource/"
TOPIC_ADD = "/admin/snippets/core/topic/add/"


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "x")
    client.force_login(user)
    return client


def _post(**changes) -> dict:
    data = {
        "title": "Algorithm register template",
        "kind": "template",
        "summary": "A template for a city's register of algorithms.",
        "principles": ["2", "3"],
        "topics": [str(Topic.objects.get(slug="algorithms").pk)],
        "source_city": str(City.objects.get(geonameid=AMSTERDAM).pk),
        "source_organisation": "",
        "document": "",
        "url": "https://example.org/register-template",
        "language": "nl",
        "version_date": "2024-05-01",
        "licence": "EUPL-1.2",
        "live": "on",
    }
    data.update(changes)
    return data


def test_staff_add_a_resource_through_the_form(staff_client):
    form = staff_client.get(ADD)
    html = form.content.decode()
    assert form.status_code == 200
    # Principles and topics as checkboxes; the city through the gazetteer chooser.
    assert 'type="checkbox" name="principles"' in html
    assert 'type="checkbox" name="topics"' in html
    assert "/admin/snippets/choose/cities/city/" in html

    response = staff_client.post(ADD, _post())
    assert response.status_code == 302
    resource = Resource.objects.get(title="Algorithm register template")
    assert resource.slug == "algorithm-register-template"
    assert resource.country_code == "NL"
    assert sorted(p.number for p in resource.principles.all()) == [2, 3]
    assert [t.slug for t in resource.topics.all()] == ["algorithms"]
    assert resource.live


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"url": "", "document": ""},
            "Give the resource a file, a link or both.",
        ),
        (
            {"source_city": "", "source_organisation": "  "},
            "Give the city that made the resource or, if it was not a city,"
            " the organisation.",
        ),
        (
            {"licence": "Creative Commons, attribution"},
            "Give the licence as an SPDX identifier, such as EUPL-1.2 or MIT.",
        ),
        ({"principles": []}, "Choose at least one principle the resource serves."),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"language": "xx-evil"}, "Select a valid choice."),
        ({"version_date": "2024-13-45"}, "Enter a valid date."),
        ({"source_city": "999999999"}, "Select a valid choice."),
    ],
)
def test_invalid_combinations_are_refused_with_a_message(
    staff_client, changes, message
):
    response = staff_client.post(ADD, _post(title="Refused resource", **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    # What was typed is kept.
    assert "Refused resource" in html
    assert not Resource.objects.filter(title="Refused resource").exists()


def test_an_organisation_alone_is_a_source(staff_client):
    response = staff_client.post(
        ADD,
        _post(
            title="Charter",
            source_city="",
            source_organisation="Internet Rights and Principles Coalition",
        ),
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title="Charter")
    assert resource.source_city is None
    assert resource.country_code == ""


def test_staff_edit_and_unpublish_a_resource(staff_client, client):
    resource = ResourceFactory(title="To be withdrawn")
    url = f"/admin/snippets/toolkit/resource/edit/{resource.pk}/"
    assert staff_client.get(url).status_code == 200
    data = _post(title="To be withdrawn", live="")
    response = staff_client.post(url, data)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert not resource.live


def test_the_list_filters_and_searches(staff_client):
    ResourceFactory(title="Tool for filters", kind="tool", language="ca")
    ResourceFactory(title="Policy for filters", kind="policy", live=False)
    privacy = Topic.objects.get(slug="privacy")
    ResourceFactory(title="Topic for filters", topics=[privacy])

    def titles(**params):
        response = staff_client.get(LIST, params)
        assert response.status_code == 200
        return response.content.decode()

    html = titles(kind="tool")
    assert "Tool for filters" in html
    assert "Policy for filters" not in html
    assert "Policy for filters" in titles(live="false")
    assert "Tool for filters" not in titles(live="false")
    assert "Tool for filters" in titles(language="ca")
    assert "Topic for filters" not in titles(language="ca")
    assert "Topic for filters" in titles(topics=str(privacy.pk))
    assert "Tool for filters" not in titles(topics=str(privacy.pk))
    assert "Tool for filters" in titles(principles="2")
    assert "Tool for filters" not in titles(principles="4")
    assert "Tool for filters" in titles(q="tool for")
    assert "Decidim" in titles(q="barcelona")


def test_the_list_reads_a_constant_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    staff_client.get(LIST)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(LIST)
    for _n in range(10):
        ResourceFactory(source_city=City.objects.get(geonameid=AMSTERDAM))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff_client.get(LIST).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (LIST, ADD, TOPIC_ADD):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    client.post(ADD, _post(title="Anonymous attempt"))
    assert not Resource.objects.filter(title="Anonymous attempt").exists()


def test_signed_in_people_without_admin_rights_are_refused(client):
    user = get_user_model().objects.create_user("resident", "r@example.org", "x")
    client.force_login(user)
    response = client.post(ADD, _post(title="Resident attempt"))
    assert response.status_code in (302, 403)
    assert not Resource.objects.filter(title="Resident attempt").exists()


def test_staff_without_the_toolkit_permission_are_refused(client):
    user = get_user_model().objects.create_user(
        "editor", "e@example.org", "x", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(LIST).status_code in (302, 403)
    response = client.post(ADD, _post(title="Editor attempt"))
    assert response.status_code in (302, 403)
    assert not Resource.objects.filter(title="Editor attempt").exists()


def _topic_post(**changes) -> dict:
    data = {
        "name": "Digital identity",
        "slug": "digital-identity",
        "names-TOTAL_FORMS": "2",
        "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "1000",
        "names-0-language": "es",
        "names-0-name": "Identidad digital",
        "names-0-id": "",
        "names-0-ORDER": "1",
        "names-0-DELETE": "",
        "names-1-language": "fr",
        "names-1-name": "Identité numérique",
        "names-1-id": "",
        "names-1-ORDER": "2",
        "names-1-DELETE": "",
    }
    data.update(changes)
    return data


def test_staff_manage_topics_with_their_translated_names(staff_client):
    assert staff_client.get(TOPIC_ADD).status_code == 200
    response = staff_client.post(TOPIC_ADD, _topic_post())
    assert response.status_code == 302
    topic = Topic.objects.get(slug="digital-identity")
    assert dict(topic.names.values_list("language", "name")) == {
        "es": "Identidad digital",
        "fr": "Identité numérique",
    }
    listing = staff_client.get("/admin/snippets/core/topic/", {"q": "identity"})
    assert "Digital identity" in listing.content.decode()


def test_a_topic_cannot_have_two_names_in_one_language(staff_client):
    response = staff_client.post(TOPIC_ADD, _topic_post(**{"names-1-language": "es"}))
    assert response.status_code == 200
    assert not Topic.objects.filter(slug="digital-identity").exists()
    assert not TopicName.objects.filter(name="Identité numérique").exists()


def test_staff_add_a_resource_with_a_file_and_no_link(staff_client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Clause")
    document.file.save("clause.odt", ContentFile(b"PK" + b"0" * 100))
    assert "/admin/documents/chooser/" in staff_client.get(ADD).content.decode()
    response = staff_client.post(
        ADD, _post(title="Clause with a file", url="", document=str(document.pk))
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title="Clause with a file")
    assert resource.document == document
    assert resource.url == ""

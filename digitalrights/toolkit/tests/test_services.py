import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from digitalrights.cities.models import City
from digitalrights.core.models import Principle, Topic
from digitalrights.demo.toolkit import RESOURCES, toolkit_load
from digitalrights.toolkit.models import Resource
from digitalrights.toolkit.services import resource_save

pytestmark = pytest.mark.django_db


def _save(**changes) -> Resource:
    fields = {
        "title": "Procurement clause on open standards",
        "summary": "A clause a city can put in its contracts.",
        "kind": "procurement",
        "principles": [Principle.objects.get(number=5)],
        "topics": [Topic.objects.get(slug="procurement")],
        "version_date": datetime.date(2024, 1, 15),
        "source_city": City.objects.get(geonameid=3128760),
        "url": "https://example.org/clause",
        "licence": "CC-BY-4.0",
    }
    fields.update(changes)
    return resource_save(**fields)


def test_resource_save_files_the_resource_and_copies_the_country():
    resource = _save()
    assert resource.slug == "procurement-clause-on-open-standards"
    assert resource.country_code == "ES"
    assert [p.number for p in resource.principles.all()] == [5]
    assert [t.slug for t in resource.topics.all()] == ["procurement"]


def test_resource_save_changes_an_existing_resource():
    resource = _save()
    changed = _save(
        resource=resource,
        title="Renamed clause",
        source_city=None,
        source_organisation="A university",
        principles=[Principle.objects.get(number=1)],
    )
    assert changed.pk == resource.pk
    resource.refresh_from_db()
    assert (resource.slug, resource.country_code) == ("renamed-clause", "")
    assert [p.number for p in resource.principles.all()] == [1]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"url": "", "document": None}, "Give the resource a file, a link or both."),
        ({"source_city": None}, "Give the city that made the resource"),
        ({"licence": "not a licence!"}, "Give the licence as an SPDX identifier"),
        ({"principles": []}, "Choose at least one principle"),
    ],
)
def test_resource_save_refuses_a_broken_rule_and_saves_nothing(changes, message):
    before = Resource.objects.count()
    with pytest.raises(ValidationError, match=message):
        _save(**changes)
    assert Resource.objects.count() == before


def test_the_database_refuses_a_resource_without_source_or_file():
    principle_free = Resource(
        title="Bypass", summary="x", kind="tool", version_date=datetime.date.today()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        principle_free.save()


def test_demo_resources_load_once():
    toolkit_load(mark=lambda obj: None)
    titles = [item["title"] for item in RESOURCES]
    assert Resource.objects.filter(title__in=titles).count() == len(titles)
    checklist = Resource.objects.get(title__startswith="Data minimisation")
    assert checklist.document.file_extension == "pdf"
    assert 0 < checklist.document.file_size < 10_000


def test_demo_remove_takes_the_demo_resources_and_their_file():
    from wagtail.documents.models import Document

    from digitalrights.demo.services import demo_remove

    mine = _save(title="Added by the secretariat")
    demo_remove()
    assert list(Resource.objects.all()) == [mine]
    assert not Document.objects.filter(title__startswith="Data minimisation").exists()

import pytest
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from digitalrights.content.models import HomePage, StandardPage
from digitalrights.demo.services import _child, _mark, demo_remove
from digitalrights.demo.translations import CATALOGUES
from digitalrights.demo.workinggroups import working_groups_load
from digitalrights.workinggroups.models import (
    Meeting,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)

pytestmark = pytest.mark.django_db

HELSINKI = 658225


@pytest.mark.parametrize("code", ["en", "es", "ca", "fr", "nl"])
def test_demo_has_the_six_missions_translated_in_every_language(code):
    index = WorkingGroupIndexPage.objects.get(locale__language_code=code)
    assert index.slug == "working-groups"
    assert index.alias_of_id is None
    groups = WorkingGroupPage.objects.child_of(index).live()
    assert groups.count() == 6
    assert not groups.filter(alias_of__isnull=False).exists()


def test_demo_groups_have_only_cities_the_demo_loads_as_members():
    group = WorkingGroupPage.objects.get(
        slug="proactive-public-services", locale__language_code="en"
    )
    assert [c.geonameid for c in group.member_cities.all()] == [HELSINKI]
    assert group.coordinator.geonameid == HELSINKI
    for group in WorkingGroupPage.objects.all():
        assert group.topic_id or group.principle_id
        assert all(hasattr(c, "membership") for c in group.member_cities.all())


def test_demo_meetings_lie_before_and_after_the_day_it_was_loaded():
    now = timezone.now()
    english = Meeting.objects.filter(locale=Locale.get_default())
    assert english.filter(ends_at__lt=now).exists()
    assert english.filter(starts_at__gt=now).exists()


def test_every_segment_of_the_working_group_pages_has_a_translation():
    pages = [
        *WorkingGroupIndexPage.objects.filter(locale=Locale.get_default()),
        *WorkingGroupPage.objects.filter(locale=Locale.get_default()),
    ]
    for page in pages:
        source, _created = TranslationSource.get_or_create_from_instance(page)
        # Addresses stay the same in every language.
        segments = StringSegment.objects.filter(source=source).exclude(
            context__path="slug"
        )
        for segment in segments.select_related("string"):
            for code, catalogue in CATALOGUES.items():
                assert segment.string.data in catalogue, (code, segment.string.data)


def test_loading_replaces_the_plain_page_older_demos_made():
    home = HomePage.objects.get(locale=Locale.get_default())
    for index in WorkingGroupIndexPage.objects.all():
        index.delete()
    old = StandardPage(title="Working groups", slug="working-groups")
    home.add_child(instance=old)
    _mark(old)
    working_groups_load(home, child=_child)
    assert not StandardPage.objects.filter(slug="working-groups").exists()
    index = WorkingGroupIndexPage.objects.get(locale=Locale.get_default())
    assert WorkingGroupPage.objects.child_of(index).count() == 6


def test_removing_the_demo_removes_the_groups_and_their_meetings():
    demo_remove()
    assert not WorkingGroupIndexPage.objects.exists()
    assert not WorkingGroupPage.objects.exists()
    assert not Meeting.objects.exists()

"""``Initiative.facet_keys``: its principles and topics as text, kept in step
with the many-to-many tables from either side, for the directory's indexes."""

import importlib

import pytest
from django.apps import apps

from digitalrights.core.models import Principle, Topic
from digitalrights.initiatives.models import (
    Initiative,
    facet_key,
    facet_keys_of,
    refresh_facet_keys,
)

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def topic(slug: str) -> Topic:
    return Topic.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0]


def keys(initiative: Initiative) -> str:
    return Initiative.objects.values_list("facet_keys", flat=True).get(pk=initiative.pk)


def expected(initiative: Initiative) -> str:
    return facet_keys_of(
        initiative.principles.values_list("number", flat=True),
        initiative.topics.values_list("pk", flat=True),
    )


def test_the_keys_are_spelled_one_per_value_between_spaces():
    assert facet_keys_of([3, 1, 3], [12, 2]) == " p1 p3 t2 t12 "
    assert facet_keys_of([], []) == ""
    assert facet_key("topic", 12) == " t12 "


def test_the_keys_follow_changes_made_from_the_initiative():
    privacy, ai = topic("privacy"), topic("ai")
    initiative = InitiativeFactory(principles=[1, 4], topics=[privacy])
    assert keys(initiative) == facet_keys_of([1, 4], [privacy.pk])
    initiative.topics.add(ai)
    initiative.principles.remove(1)
    assert keys(initiative) == facet_keys_of([4], [privacy.pk, ai.pk])
    initiative.topics.clear()
    assert keys(initiative) == facet_keys_of([4], [])
    initiative.principles.set([2])
    assert keys(initiative) == " p2 "


def test_the_keys_follow_changes_made_from_a_topic_or_a_principle():
    privacy = topic("privacy")
    first, second = InitiativeFactory(principles=[1]), InitiativeFactory(principles=[1])
    privacy.initiatives.add(first, second)
    assert keys(first) == keys(second) == facet_keys_of([1], [privacy.pk])
    Principle.objects.get(number=5).initiatives.add(first)
    assert keys(first) == facet_keys_of([1, 5], [privacy.pk])
    privacy.initiatives.remove(second)
    assert keys(second) == " p1 "
    privacy.initiatives.clear()
    assert keys(first) == " p1 p5 "


def test_deleting_a_topic_takes_it_out_of_the_keys():
    privacy, ai = topic("privacy"), topic("ai")
    initiative = InitiativeFactory(principles=[2], topics=[privacy, ai])
    privacy.delete()
    assert keys(initiative) == facet_keys_of([2], [ai.pk])
    assert keys(initiative) == expected(initiative)


def test_a_key_does_not_match_a_longer_one_it_begins():
    initiative = InitiativeFactory(principles=[1])
    Initiative.objects.filter(pk=initiative.pk).update(facet_keys=" p1 t12 ")
    own = Initiative.objects.filter(pk=initiative.pk)
    assert not own.filter(facet_keys__contains=facet_key("topic", 1)).exists()
    assert own.filter(facet_keys__contains=facet_key("topic", 12)).exists()


def test_refreshing_repairs_keys_written_wrong():
    privacy = topic("privacy")
    initiatives = [
        InitiativeFactory(principles=[3], topics=[privacy]) for _ in range(3)
    ]
    Initiative.objects.filter(pk__in=[i.pk for i in initiatives]).update(
        facet_keys=" p9 "
    )
    refresh_facet_keys(i.pk for i in initiatives)
    assert [keys(i) for i in initiatives] == [expected(i) for i in initiatives]


def test_the_migration_writes_the_keys_of_initiatives_made_before_it():
    migration = importlib.import_module(
        "digitalrights.initiatives.migrations.0008_facet_keys"
    )
    privacy = topic("privacy")
    filed = InitiativeFactory(principles=[2, 1], topics=[privacy])
    Initiative.objects.update(facet_keys="")
    migration.fill_facet_keys(apps, None)
    assert keys(filed) == facet_keys_of([1, 2], [privacy.pk])

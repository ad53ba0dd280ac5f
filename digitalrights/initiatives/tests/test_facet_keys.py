"""``Initiative.facet_keys``: its principles and topics as text, kept in step
with the many-to-many tables from either side, for the directory's indexes."""

import importlib
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from digitalrights.core.models import Principle, Topic
from digitalrights.initiatives import services, tasks
from digitalrights.initiatives.models import Initiative, facet_key, facet_keys_of
from digitalrights.sitesearch.selectors import (
    Criteria,
    InitiativeSource,
    SearchContext,
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
    # The object in hand says the same, should it be saved whole.
    assert initiative.facet_keys == keys(initiative)
    initiative.topics.clear()
    assert keys(initiative) == facet_keys_of([4], [])
    initiative.principles.set([2])
    assert keys(initiative) == initiative.facet_keys == " p2 "


def test_the_keys_follow_changes_made_from_a_topic_or_a_principle():
    privacy = topic("privacy")
    first, second = InitiativeFactory(principles=[1]), InitiativeFactory(principles=[1])
    privacy.initiatives.add(first, second)
    assert keys(first) == keys(second) == facet_keys_of([1], [privacy.pk])
    fifth = Principle.objects.get(number=5)
    fifth.initiatives.add(first)
    assert keys(first) == facet_keys_of([1, 5], [privacy.pk])
    privacy.initiatives.remove(second)
    assert keys(second) == " p1 "
    privacy.initiatives.clear()
    assert keys(first) == " p1 p5 "
    fifth.initiatives.clear()
    assert keys(first) == " p1 "


def test_deleting_topics_takes_them_out_of_the_keys():
    # New topics: the demo's working groups keep some of theirs.
    drones, kiosks, sensors = topic("drones"), topic("kiosks"), topic("sensors")
    initiative = InitiativeFactory(principles=[2], topics=[drones, kiosks, sensors])
    drones.delete()
    assert keys(initiative) == facet_keys_of([2], [kiosks.pk, sensors.pk])
    Topic.objects.filter(pk__in=[kiosks.pk, sensors.pk]).delete()  # as in bulk
    assert keys(initiative) == expected(initiative) == " p2 "


def test_a_key_does_not_match_a_longer_one_it_begins():
    initiative = InitiativeFactory(principles=[1])
    Initiative.objects.filter(pk=initiative.pk).update(facet_keys=" p1 t12 ")
    own = Initiative.objects.filter(pk=initiative.pk)
    assert not own.filter(facet_keys__contains=facet_key("topic", 1)).exists()
    assert own.filter(facet_keys__contains=facet_key("topic", 12)).exists()


def test_the_directory_filters_principles_and_topics_by_the_keys_alone():
    """The point of the keys: no join with the many-to-many tables."""
    topic("privacy")
    criteria = Criteria(selected={"principle": ("2", "4"), "topic": ("privacy",)})
    source = InitiativeSource(SearchContext("en"))
    sql = str(source.filtered(criteria).values("pk").query)
    assert "facet_keys" in sql
    assert "initiative_principles" not in sql
    assert "initiative_topics" not in sql


def test_refreshing_repairs_keys_written_wrong_in_batches(monkeypatch):
    monkeypatch.setattr(services, "FACET_KEYS_BATCH", 2)
    privacy = topic("privacy")
    initiatives = [
        InitiativeFactory(principles=[3], topics=[privacy]) for _ in range(5)
    ]
    Initiative.objects.filter(pk__in=[i.pk for i in initiatives]).update(
        facet_keys=" p9 "
    )
    written = services.initiative_facet_keys_refresh(ids=(i.pk for i in initiatives))
    assert [keys(i) for i in initiatives] == [expected(i) for i in initiatives]
    assert written == {i.pk: expected(i) for i in initiatives}
    assert services.initiative_facet_keys_refresh(ids=[]) == {}


def test_the_repair_finds_and_mends_every_key_that_differs(capsys):
    initiatives = [InitiativeFactory(principles=[3]) for _ in range(3)]
    assert services.initiatives_facet_keys_repair() == 0
    Initiative.objects.filter(pk__in=[i.pk for i in initiatives[:2]]).update(
        facet_keys=""
    )
    assert tasks.repair_facet_keys.call() == 2
    assert [keys(i) for i in initiatives] == [" p3 "] * 3
    Initiative.objects.filter(pk=initiatives[0].pk).update(facet_keys=" t1 ")
    call_command("facet_keys_repair")
    assert "Repaired the facet keys of 1 initiative(s)." in capsys.readouterr().out
    assert keys(initiatives[0]) == " p3 "


def test_the_migration_writes_the_keys_of_initiatives_made_before_it():
    migration = importlib.import_module(
        "digitalrights.initiatives.migrations.0008_facet_keys"
    )
    state = MigrationExecutor(connection).loader.project_state(
        ("initiatives", "0008_facet_keys")
    )
    privacy, ai = topic("privacy"), topic("ai")
    filed = InitiativeFactory(principles=[2, 1], topics=[ai, privacy])
    topics_only = InitiativeFactory(principles=[1], topics=[privacy])
    topics_only.principles.clear()
    unfiled = InitiativeFactory(principles=[1])
    unfiled.principles.clear()
    Initiative.objects.update(facet_keys="")  # as the new column starts
    migration.fill_facet_keys(state.apps, None)
    assert keys(filed) == facet_keys_of([1, 2], [privacy.pk, ai.pk])
    assert keys(topics_only) == facet_keys_of([], [privacy.pk])
    assert keys(unfiled) == ""


@pytest.mark.django_db(transaction=True)
def test_a_topic_deleted_while_an_official_changes_the_initiative():
    """The deletion locks the topic's initiatives before its rows go, and
    the refresh reads them only once it holds the lock: the official's
    change is waited for, neither lost nor crossed (a deadlock)."""
    from digitalrights.core.vocabulary import vocabulary_ensure

    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; this needs PostgreSQL.")
    vocabulary_ensure()  # a flushed database has lost what migrations made
    canals, bridges = topic("canals"), topic("bridges")
    initiative = InitiativeFactory(principles=[1], topics=[canals])
    holding, go = threading.Event(), threading.Event()
    errors = []

    def official():  # as initiative_update: the initiative locked first
        try:
            with transaction.atomic():
                mine = Initiative.objects.select_for_update().get(pk=initiative.pk)
                holding.set()
                go.wait(5)
                mine.topics.add(bridges)
                mine.topics.remove(canals)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def secretariat():
        try:
            Topic.objects.get(pk=canals.pk).delete()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=official), threading.Thread(target=secretariat)]
    threads[0].start()
    holding.wait(5)
    threads[1].start()
    time.sleep(0.5)  # the deletion reaches the locked initiative and waits
    go.set()
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert keys(initiative) == facet_keys_of([1], [bridges.pk])

"""The entry's own rules: dates, status, risk, addresses and lengths."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from digitalrights.register.models import AlgorithmEntry

from .factories import AlgorithmEntryFactory, published

pytestmark = pytest.mark.django_db


def check(entry: AlgorithmEntry) -> dict:
    try:
        entry.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_complete_entry_is_valid_and_has_a_stable_address():
    entry = published(title="Chatbot for city services")
    assert check(entry) == {}
    assert (
        entry.get_absolute_url()
        == f"/en/register/{entry.pk}-chatbot-for-city-services/"
    )
    assert entry.country_code == entry.city.country_code


def test_a_retired_system_needs_its_retirement_date():
    entry = AlgorithmEntryFactory(status="retired")
    assert check(entry) == {"retired_on": ["Give the date the system was retired."]}


def test_only_a_retired_system_has_a_retirement_date():
    entry = AlgorithmEntryFactory.build(retired_on=datetime.date(2024, 1, 1))
    entry.city = AlgorithmEntryFactory().city
    assert "Leave the retirement date empty" in check(entry)["retired_on"][0]


def test_a_system_is_never_retired_before_it_was_used():
    entry = AlgorithmEntryFactory()
    entry.status = "retired"
    entry.started_on = datetime.date(2024, 5, 1)
    entry.retired_on = datetime.date(2024, 4, 30)
    errors = check(entry)
    assert errors == {
        "retired_on": ["The system cannot be retired before it was first used."]
    }
    entry.retired_on = datetime.date(2024, 5, 1)
    assert check(entry) == {}


def test_the_database_refuses_dates_in_the_wrong_order_too():
    entry = AlgorithmEntryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AlgorithmEntry.objects.filter(pk=entry.pk).update(
            status="retired",
            started_on=datetime.date(2024, 5, 1),
            retired_on=datetime.date(2020, 1, 1),
        )


@pytest.mark.parametrize("status", ["planned", "piloting", "in_use"])
def test_an_unacceptable_risk_may_only_be_listed_as_retired(status):
    entry = AlgorithmEntryFactory(status=status)
    entry.risk = "unacceptable"
    assert "list it only as retired" in check(entry)["risk"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        AlgorithmEntry.objects.filter(pk=entry.pk).update(risk="unacceptable")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://city.example.org/", "data:text/html,hi", "x"],
)
def test_links_must_be_web_addresses(url):
    entry = AlgorithmEntryFactory()
    entry.code_url = entry.more_info_url = url
    errors = check(entry)
    assert set(errors) == {"code_url", "more_info_url"}
    assert "http:// or https://" in errors["code_url"][0]


@pytest.mark.parametrize(
    "field, limit",
    [
        ("title", 200),
        ("summary", 600),
        ("department", 200),
        ("purpose", 4000),
        ("data", 4000),
        ("how_it_works", 4000),
        ("supplier", 200),
        ("human_oversight", 4000),
        ("objection", 4000),
        ("contact", 200),
    ],
)
def test_every_text_has_a_limit(field, limit):
    entry = AlgorithmEntryFactory()
    setattr(entry, field, "a" * limit)
    assert field not in check(entry)
    setattr(entry, field, "a" * (limit + 1))
    assert field in check(entry)


def test_an_entry_stores_no_person():
    names = {field.name for field in AlgorithmEntry._meta.get_fields()}
    assert not names & {"created_by", "user", "author", "updated_by"}
    assert not any(
        getattr(field, "related_model", None) is not None
        and field.related_model._meta.label == "auth.User"
        for field in AlgorithmEntry._meta.get_fields()
    )

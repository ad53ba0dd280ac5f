"""The officials' pages: who gets in, and forms that change nothing on bad input."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digitalrights.cities.tests.factories import CityFactory
from digitalrights.initiatives.tests.factories import leave
from digitalrights.membership.tests.factories import (
    UserFactory,
    give_second_factor,
    sign_in,
)
from digitalrights.register import services
from digitalrights.register.models import AlgorithmEntry, EntryState

from .factories import (
    AlgorithmEntryFactory,
    form_data,
    member_city,
    official_of,
    published,
)

pytestmark = pytest.mark.django_db

LIST = reverse("register_officials:list")


def create_url(city) -> str:
    return reverse("register_officials:create", args=[city.geonameid])


def edit_url(entry) -> str:
    return reverse("register_officials:edit", args=[entry.pk])


def action_url(entry, action: str) -> str:
    return reverse("register_officials:action", args=[entry.pk, action])


@pytest.fixture
def city():
    return member_city()


@pytest.fixture
def official(city):
    return official_of(city)


@pytest.fixture
def signed_in(client, official):
    sign_in(client, official)
    return client


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_superuser(
        username="secretariat", email="sec@coalition.example.org", password="x" * 20
    )
    give_second_factor(user)
    return user


# Who gets in ------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in_and_change_nothing(client, city):
    entry = AlgorithmEntryFactory(city=city)
    for url in (LIST, create_url(city), edit_url(entry)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    for action in ("publish", "withdraw", "delete"):
        response = client.post(action_url(entry, action))
        assert response.status_code == 302
    client.post(create_url(city), form_data())
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT
    assert AlgorithmEntry.objects.filter(city=city).count() == 1


def test_without_a_second_factor_officials_are_sent_to_set_one_up(client, city):
    sign_in(client, official_of(city, second_factor=False), records=[])
    for url in (LIST, create_url(city)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")


def test_a_session_that_did_not_use_the_second_factor_must_confirm_it(
    client, official, city
):
    sign_in(client, official, records=[{"method": "password"}])
    response = client.get(create_url(city))
    assert response.status_code == 302
    assert reverse("mfa_reauthenticate") in response["Location"]


def test_the_services_refuse_an_official_without_a_second_factor(city):
    from django.core.exceptions import PermissionDenied

    user = official_of(city, second_factor=False)
    entry = AlgorithmEntryFactory(city=city)
    with pytest.raises(PermissionDenied, match="two-factor"):
        services.entry_publish(user=user, entry_id=entry.pk)


@pytest.mark.parametrize("who", ["nobody", "other_city", "non_member", "staff"])
def test_only_the_city_s_officials_reach_its_register(client, city, staff, who):
    entry = AlgorithmEntryFactory(city=city)
    shown = published(city=city, title="Public already")
    if who == "nobody":
        user = UserFactory()
        give_second_factor(user)
    elif who == "other_city":
        user = official_of()
    elif who == "non_member":
        user = official_of(CityFactory())
    else:
        user = staff
    sign_in(client, user)
    page = client.get(LIST)
    assert page.status_code == 200
    assert city.name not in page.content.decode()
    assert client.get(create_url(city)).status_code == 403
    assert client.post(create_url(city), form_data()).status_code == 403
    assert client.get(edit_url(entry)).status_code == 403
    assert client.post(edit_url(entry), form_data(title="Mine")).status_code == 403
    for action in ("publish", "withdraw", "delete"):
        assert client.post(action_url(entry, action)).status_code == 403
        assert client.post(action_url(shown, action)).status_code == 403
    entry.refresh_from_db()
    shown.refresh_from_db()
    assert (entry.state, entry.title) == (EntryState.DRAFT, entry.title)
    assert shown.state == EntryState.PUBLISHED
    assert AlgorithmEntry.objects.filter(city=city).count() == 2


def test_an_entry_that_does_not_exist_answers_like_another_city_s(signed_in):
    other = AlgorithmEntryFactory()
    missing = signed_in.get(reverse("register_officials:edit", args=[10**8]))
    theirs = signed_in.get(edit_url(other))
    assert missing.status_code == theirs.status_code == 403
    assert "not one of your cities" in missing.content.decode()


def test_a_former_member_s_officials_can_no_longer_write(client, city, official):
    entry = AlgorithmEntryFactory(city=city)
    leave(city)
    sign_in(client, official)
    assert client.get(create_url(city)).status_code == 403
    assert client.post(edit_url(entry), form_data(title="New")).status_code == 403
    entry.refresh_from_db()
    assert entry.title != "New"


# The city's own officials ------------------------------------------------------


def test_the_dashboard_links_to_the_register(signed_in, city):
    page = signed_in.get(reverse("membership:dashboard")).content.decode()
    assert f"{LIST}#city-{city.geonameid}" in page


def test_an_official_writes_a_draft_then_publishes_it(signed_in, city):
    response = signed_in.post(create_url(city), form_data())
    entry = AlgorithmEntry.objects.get(city=city, title="Parking scan car")
    assert response.status_code == 302
    assert response["Location"] == edit_url(entry)
    assert entry.state == EntryState.DRAFT and entry.published_at is None
    assert entry.uses_personal_data and entry.risk == "high"
    assert signed_in.get(entry.get_absolute_url()).status_code == 404
    listing = signed_in.get(LIST).content.decode()
    assert "Parking scan car" in listing and "Draft" in listing

    response = signed_in.post(action_url(entry, "publish"))
    entry.refresh_from_db()
    assert entry.state == EntryState.PUBLISHED and entry.published_at
    signed_in.logout()
    assert signed_in.get(entry.get_absolute_url()).status_code == 200


def test_save_and_publish_at_once(signed_in, city):
    signed_in.post(create_url(city), {**form_data(), "publish": "1"})
    entry = AlgorithmEntry.objects.get(city=city, title="Parking scan car")
    assert entry.is_published


def test_editing_a_published_entry_changes_the_site_at_once(signed_in, city):
    entry = published(city=city)
    page = signed_in.get(edit_url(entry)).content.decode()
    assert "shows on the site at once" in page
    response = signed_in.post(edit_url(entry), form_data(title="Renamed"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Renamed" and entry.is_published


def test_withdraw_takes_it_off_the_site_and_delete_needs_a_draft(signed_in, city):
    entry = published(city=city)
    response = signed_in.post(action_url(entry, "delete"))
    assert response.status_code == 302
    assert AlgorithmEntry.objects.filter(pk=entry.pk).exists()
    signed_in.post(action_url(entry, "withdraw"))
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT
    assert signed_in.get(entry.get_absolute_url()).status_code == 404
    signed_in.post(action_url(entry, "delete"))
    assert not AlgorithmEntry.objects.filter(pk=entry.pk).exists()


def test_an_unknown_action_is_not_found_and_a_get_is_refused(signed_in, city):
    entry = AlgorithmEntryFactory(city=city)
    assert signed_in.post(action_url(entry, "explode")).status_code == 404
    assert signed_in.get(action_url(entry, "delete")).status_code == 405
    assert AlgorithmEntry.objects.filter(pk=entry.pk).exists()


# Bad input changes nothing and keeps what was typed ---------------------------

BAD = [
    ({"code_url": "javascript:alert(1)"}, "code_url", "http:// or https://"),
    ({"more_info_url": "ftp://city.example.org/x"}, "more_info_url", "http://"),
    (
        {"status": "retired", "started_on": "2024-05-01", "retired_on": "2024-04-01"},
        "retired_on",
        "cannot be retired before",
    ),
    ({"status": "retired", "retired_on": ""}, "retired_on", "date the system"),
    ({"retired_on": "2024-04-01"}, "retired_on", "unless the system is retired"),
    ({"risk": "unacceptable"}, "risk", "list it only as retired"),
    ({"risk": "catastrophic"}, "risk", "Choose a risk category"),
    ({"status": "everywhere"}, "status", "Choose a status"),
    ({"language": "xx-evil"}, "language", "Choose a language"),
    ({"started_on": "31/02/2024"}, "started_on", "Give a date"),
    ({"title": "a" * 201}, "title", "at most 200 characters"),
    ({"summary": "a" * 601}, "summary", "at most 600 characters"),
    ({"purpose": "a" * 4001}, "purpose", "at most 4000 characters"),
    ({"contact_email": "not an address"}, "contact_email", "email address"),
    ({"title": "  "}, "title", "Give the system a name."),
    ({"objection": ""}, "objection", "object or appeal"),
    ({"title": "Nul\x00byte"}, "title", "Null characters"),
]


@pytest.mark.parametrize("changes, field, message", BAD)
def test_bad_input_creates_nothing_and_keeps_what_was_typed(
    signed_in, city, changes, field, message
):
    typed = "Typed with care, not to be lost."
    field_typed = "purpose" if "summary" in changes else "summary"
    data = form_data(**{field_typed: typed, **changes})
    response = signed_in.post(create_url(city), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    page = response.content.decode()
    assert "There is a problem" in page
    assert typed in page
    assert not AlgorithmEntry.objects.filter(city=city).exists()


@pytest.mark.parametrize("changes, field, message", BAD)
def test_bad_input_changes_no_entry(signed_in, city, changes, field, message):
    entry = published(city=city, title="As it was")
    before = AlgorithmEntry.objects.filter(pk=entry.pk).values().get()
    response = signed_in.post(
        edit_url(entry),
        {**form_data(**{"contact": "Typed again", **changes}), "publish": "1"},
    )
    assert response.status_code == 400
    assert "Typed again" in response.content.decode()
    assert AlgorithmEntry.objects.filter(pk=entry.pk).values().get() == before


def test_a_stale_save_is_refused_and_keeps_what_was_typed(signed_in, city, official):
    entry = AlgorithmEntryFactory(city=city, title="First")
    opened = signed_in.get(edit_url(entry)).context["form"].initial["saved_version"]
    services.entry_update(
        user=official,
        entry_id=entry.pk,
        data=services.entry_data_of(entry),
    )
    response = signed_in.post(
        edit_url(entry), form_data(title="Mine", saved_version=opened)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "A colleague saved this entry" in page and "Mine" in page
    entry.refresh_from_db()
    assert entry.title == "First"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    fields=st.dictionaries(
        st.sampled_from([*sorted(form_data()), "publish", "saved_version", "x"]),
        st.one_of(
            st.text(max_size=300),
            st.sampled_from(["", "\x00", "9" * 50, "2024-13-40", "javascript:x"]),
        ),
        max_size=8,
    )
)
def test_no_form_input_makes_the_officials_pages_fail(client, fields):
    city = member_city()
    sign_in(client, official_of(city))
    entry = AlgorithmEntryFactory(city=city, title="Untouched")
    data = {**form_data(), **fields}
    response = client.post(create_url(city), data)
    assert response.status_code in (302, 400)
    response = client.post(edit_url(entry), data)
    assert response.status_code in (302, 400, 409)
    if response.status_code != 302:
        entry.refresh_from_db()
        assert entry.title == "Untouched"

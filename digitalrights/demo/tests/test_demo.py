import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from digitalrights.cities.models import Member
from digitalrights.cities.tests.factories import MemberFactory
from digitalrights.content.models import HomePage, PrinciplePage
from digitalrights.demo.models import DemoObject
from digitalrights.demo.services import demo_load, demo_remove, demo_staff_account

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_changes_nothing():
    pages, members, marks = (
        Page.objects.count(),
        Member.objects.count(),
        (DemoObject.objects.count()),
    )
    demo_load(quick=True)
    assert Page.objects.count() == pages
    assert Member.objects.count() == members
    assert DemoObject.objects.count() == marks


def test_demo_has_the_founders_and_the_first_wave_with_gazetteer_facts():
    founders = Member.objects.filter(is_founder=True).select_related("city")
    assert sorted(m.name for m in founders) == [
        "Amsterdam",
        "Barcelona",
        "New York City",
    ]
    assert {m.joined_on.isoformat() for m in founders} == {"2018-11-14"}
    cary = Member.objects.select_related("city").get(city__name="Cary")
    assert (cary.city.country_code, cary.city.admin1_code) == ("US", "NC")
    assert Member.objects.filter(joined_on="2019-03-28").count() == 23


def test_every_language_has_the_whole_page_tree():
    for code in ("en", "es", "ca", "fr", "nl"):
        assert HomePage.objects.filter(locale__language_code=code).exists()
        assert PrinciplePage.objects.filter(locale__language_code=code).count() == 5


def test_removing_the_demo_keeps_what_people_added():
    mine = MemberFactory()
    removed = demo_remove()
    assert removed > 30
    assert list(Member.objects.all()) == [mine]
    assert not HomePage.objects.exists()
    assert not DemoObject.objects.exists()


def test_staff_password_is_shown_once_and_stored_hashed():
    email, password = demo_staff_account()
    user = get_user_model().objects.get(email=email)
    assert password and len(password) >= 16
    assert password not in user.password
    assert user.check_password(password)
    assert demo_staff_account() == (email, None)


def test_demo_load_command_prints_how_to_sign_in(capsys):
    call_command("demo_load", quick=True)
    out = capsys.readouterr().out
    assert "Sign in at /admin/ with the address secretariat@localhost" in out


def test_translated_page_trees_are_whole():
    """Each translated page knows its children (a stale tree hides them)."""
    for code in ("es", "ca", "fr", "nl"):
        home = HomePage.objects.get(locale__language_code=code)
        assert home.get_children().count() == 8
        news = home.get_children().get(slug="news")
        assert news.get_children().count() == 3

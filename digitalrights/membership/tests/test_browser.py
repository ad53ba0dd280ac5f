"""The officials' pages pass the same browser quality gate as public ones."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from digitalrights.cities.tests.factories import MemberFactory
from digitalrights.core.tests.browser import crawler
from digitalrights.membership import services

from .factories import RepresentationFactory, UserFactory, give_second_factor, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_officials_pages_pass_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    official = UserFactory()
    give_second_factor(official)
    applicant = RepresentationFactory(user=official)
    member = RepresentationFactory(user=official, city=MemberFactory().city)
    application = services.application_start(
        user=official, geonameid=applicant.city.geonameid
    )
    client = Client()
    sign_in(client, official)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": cookie.value,
            "domain": urlsplit(live_server.url).hostname,
            "path": "/",
        }
    ]
    languages = [code for code, _name in settings.LANGUAGES]
    paths = [
        "/officials/",
        "/officials/?q=amster",
        f"/officials/cities/{applicant.city.geonameid}/profile/",
        f"/officials/cities/{member.city.geonameid}/leave/",
        f"/officials/applications/{application.pk}/",
    ]
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{path}" for code in languages for path in paths],
        # The account pages too (email, password, two-factor authentication),
        # in two languages: allauth draws them all from the same templates.
        within=[f"/{code}/officials/" for code in languages]
        + [f"/{code}/accounts/" for code in ("en", "fr")],
        cookies=cookies,
        tools=tools,
    )
    print(report.format())
    assert len(report.pages) >= len(paths) * len(languages)
    assert not report.problems, report.format()

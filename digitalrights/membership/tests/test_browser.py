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


@pytest.mark.django_db(transaction=True)
def test_a_passkey_is_added_and_then_signs_in_alone(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Passkeys end to end, with Chromium's virtual authenticator."""

    from allauth.mfa.models import Authenticator
    from playwright.sync_api import sync_playwright

    tools = crawler.require_tools()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    official = UserFactory()
    representation = RepresentationFactory(user=official)
    client = Client()
    # Adding a factor asks for the password again; say it was just given.
    sign_in(client, official, records=[{"method": "password", "reauthenticated": True}])
    host = urlsplit(live_server.url).hostname
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "domain": host,
        "path": "/",
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=tools.chromium,
            headless=True,
            args=list(crawler.CHROMIUM_ARGS),
        )
        try:
            context = browser.new_context()
            context.add_cookies([cookie])
            page = context.new_page()
            devtools = context.new_cdp_session(page)
            devtools.send("WebAuthn.enable")
            devtools.send(
                "WebAuthn.addVirtualAuthenticator",
                {
                    "options": {
                        "protocol": "ctap2",
                        "transport": "internal",
                        "hasResidentKey": True,
                        "hasUserVerification": True,
                        "isUserVerified": True,
                    }
                },
            )
            page.goto(f"{live_server.url}/en/accounts/2fa/webauthn/add/")
            page.fill("input[name=name]", "Office laptop")
            page.check("input[name=passwordless]")
            page.click("#mfa_webauthn_add")
            page.wait_for_url(lambda url: "/webauthn/add/" not in url)
            assert Authenticator.objects.filter(
                user=official, type=Authenticator.Type.WEBAUTHN
            ).exists()
            # Signed out, the passkey alone signs in, and counts as the
            # second factor for acting for the city.
            context.clear_cookies()
            page.goto(f"{live_server.url}/en/accounts/login/")
            page.click("#passkey_login")
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            profile = (
                f"{live_server.url}/en/officials/cities/"
                f"{representation.city.geonameid}/profile/"
            )
            response = page.goto(profile)
            assert response is not None and response.status == 200
            assert page.url == profile
        finally:
            browser.close()

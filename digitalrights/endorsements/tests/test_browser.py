"""Endorse a city in a real browser, with and without JavaScript."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from digitalrights.core.tests.browser import crawler
from digitalrights.endorsements import services
from digitalrights.endorsements.models import CityTally, Endorsement

pytestmark = pytest.mark.browser


def axe_violations(page, tools: crawler.Tools) -> list[str]:
    page.add_script_tag(path=str(tools.axe))
    return [v["id"] for v in page.evaluate(crawler.AXE_RUN, list(crawler.AXE_TAGS))]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_resident_endorses_their_city_from_its_page(
    live_server, monkeypatch: pytest.MonkeyPatch, javascript: bool
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", "--no-staff", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=tools.chromium, args=crawler.CHROMIUM_ARGS
        )
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{live_server.url}/es/cities/3128760-barcelona/")

        # A mistyped address: the page says what is wrong and keeps the rest.
        page.get_by_label("Su nombre (opcional)").fill("Ada")
        page.get_by_label("Su dirección de correo electrónico").fill("ada@")
        page.get_by_role("button", name="Apoyar a Barcelona").click()
        assert page.get_by_role("alert").is_visible()
        assert page.get_by_label("Su nombre (opcional)").input_value() == "Ada"
        if javascript:
            assert axe_violations(page, tools) == []

        page.get_by_label("Su dirección de correo electrónico").fill("ada@example.org")
        if javascript:
            # Typing started the proof of work (ALTCHA); its label is Spanish.
            page.wait_for_function(
                "document.querySelector('altcha-widget').getState() === 'verified'",
                timeout=60_000,
            )
            assert page.get_by_text("Verificado").is_visible()
            assert axe_violations(page, tools) == []
        page.get_by_role("button", name="Apoyar a Barcelona").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Revise su correo"
        # Without JavaScript there is no proof, and the endorsement counts all
        # the same (under the stricter hourly limit).
        assert Endorsement.objects.get().proof_of_work is javascript

        services.endorsement_send_confirmations()
        [message] = mail.outbox
        link = message.body.split("http://127.0.0.1:8000")[1].split()[0]
        page.goto(live_server.url + link)
        assert not CityTally.objects.filter(verified__gt=0).exists()
        if javascript:
            assert axe_violations(page, tools) == []
        page.get_by_role("button").filter(has_text="Barcelona").click()
        assert CityTally.objects.get(city__geonameid=3128760).verified == 1
        browser.close()

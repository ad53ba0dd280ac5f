"""Hold the initiatives' pages, in every language, to the browser quality gate."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from digitalrights.core.tests.browser import crawler
from digitalrights.initiatives import services
from digitalrights.initiatives.models import Initiative
from digitalrights.initiatives.services import ImageData, LinkData
from digitalrights.membership.tests.factories import sign_in

from .factories import initiative_data, member_city, official_of, png, topic_id

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_initiatives_pages_pass_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    city = member_city()
    official = official_of(city)
    pictured = services.initiative_import(
        geonameid=city.geonameid,
        data=initiative_data(
            language="nl",
            title="Gratis wifi in elke flat",
            topics=[topic_id("broadband"), topic_id("digital-inclusion")],
            contact="Digitale dienst",
            contact_email="digitaal@city.example.org",
            code_url="https://git.city.example.org/wifi",
            licence="EUPL-1.2",
            links=[LinkData(url="https://city.example.org/wifi", label="Projectsite")],
            images=[
                ImageData(upload=png(size=(1600, 1200)), alt="Bewoners", caption="Foto")
            ],
        ),
    )
    draft = services.initiative_create(
        user=official,
        geonameid=city.geonameid,
        data=initiative_data(
            images=[ImageData(upload=png(), alt="Residents at the hotspot")]
        ),
    )
    waiting = services.initiative_create(
        user=official, geonameid=city.geonameid, data=initiative_data(title="Sent")
    )
    services.initiative_submit(user=official, initiative_id=waiting.pk)

    client = Client()
    sign_in(client, official)
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "domain": urlsplit(live_server.url).hostname,
            "path": "/",
        }
    ]
    languages = [code for code, _name in settings.LANGUAGES]
    public = [i.get_absolute_url()[3:] for i in Initiative.objects.published()]
    public += [city.get_absolute_url()[3:]]
    officials = [
        "/officials/initiatives/",
        f"/officials/initiatives/cities/{city.geonameid}/new/",
        f"/officials/initiatives/{draft.pk}/",
        f"/officials/initiatives/{waiting.pk}/",
        f"/officials/initiatives/{pictured.pk}/",
    ]
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{path}" for code in languages for path in public + officials],
        error_paths=[f"/{code}/initiatives/999999999-missing/" for code in languages],
        # The directory at /<lang>/initiatives/ is site search's to check.
        within=[f"/{code}{path}" for code in languages for path in public]
        + [f"/{code}/officials/initiatives/" for code in languages],
        cookies=cookies,
        tools=tools,
    )
    print(report.format())
    assert len(report.pages) >= len(public + officials) * len(languages)
    assert not report.problems, report.format()

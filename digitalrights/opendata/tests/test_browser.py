"""Hold the open data pages, in every language, to the browser quality gate."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command

from digitalrights.content.models import NewsPage
from digitalrights.core.tests.browser import crawler
from digitalrights.initiatives.models import Initiative
from digitalrights.opendata import dumps
from digitalrights.workinggroups.models import WorkingGroupPage

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_open_data_pages_pass_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path)
    dumps.dump_write()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    languages = [code for code, _name in settings.LANGUAGES]
    paths = [f"/{code}/data/{page}" for code in languages for page in ("", "api/")]
    # A page of each kind that carries schema.org JSON-LD.
    described = [
        "/en/cities/2759794-amsterdam/",
        Initiative.objects.published().first().get_absolute_url(),
        NewsPage.objects.live().filter(locale__language_code="en").first().url,
        next(
            page.url
            for page in WorkingGroupPage.objects.live().filter(
                locale__language_code="en"
            )
            if page.meetings.exists()
        ),
    ]
    report = crawler.crawl(
        live_server.url,
        paths + described,
        within=[f"/{code}/data/" for code in languages] + described,
        tools=tools,
    )
    print(report.format())
    assert set(report.pages) >= {live_server.url + path for path in paths + described}
    assert not report.problems, report.format()

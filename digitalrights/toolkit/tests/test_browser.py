"""Hold the toolkit's pages, in every language, to the browser quality gate."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command

from digitalrights.core.tests.browser import crawler
from digitalrights.toolkit.models import Resource

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_toolkit_pages_pass_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    languages = [code for code, _name in settings.LANGUAGES]
    # Every demo resource: with a file, with a link, from a city or not.
    paths = [r.get_absolute_url()[3:] for r in Resource.objects.published()]
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{path}" for code in languages for path in paths],
        error_paths=[f"/{code}/toolkit/999999999-missing/" for code in languages],
        within=[f"/{code}/toolkit/" for code in languages],
        tools=tools,
    )
    print(report.format())
    assert len(report.pages) >= len(paths) * len(languages)
    assert not report.problems, report.format()

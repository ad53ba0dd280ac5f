"""Hold the open data pages, in every language, to the browser quality gate."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command

from digitalrights.core.tests.browser import crawler
from digitalrights.opendata import dumps

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
    report = crawler.crawl(
        live_server.url,
        paths,
        within=[f"/{code}/data/" for code in languages],
        tools=tools,
    )
    print(report.format())
    assert set(report.pages) >= {live_server.url + path for path in paths}
    assert not report.problems, report.format()

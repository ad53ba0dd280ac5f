"""The progress pages in a browser: axe-core (WCAG 2.2 AA), the Nu HTML checker,
no JavaScript needed, page weight; error pages too."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from digitalrights.core.tests.browser import crawler

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_the_progress_pages_pass_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    pages = [
        "/en/progress/",
        "/en/progress/method/",
        "/en/progress/cities/",
        "/en/progress/cities/2759794/",
        "/en/progress/cities/3128760/?cycle=2026",
        "/en/progress/compare/",
        "/en/progress/compare/?city=2759794&city=3128760&city=5128581",
        "/es/progress/cities/2759794/",
    ]
    # The language menu of an error page links to the same error in Spanish.
    errors = [
        f"/{language}{path}"
        for language in ("en", "es")
        for path in (
            "/progress/cities/1/",
            "/progress/?cycle=abc",
            "/progress/?cycle=2099",
            "/progress/compare/?city=x&city=2759794",
        )
    ]
    report = crawler.crawl(
        live_server.url,
        pages,
        error_paths=errors,
        tools=tools,
        within=["/en/progress/", "/es/progress/"],
        max_pages=60,
    )
    print(report.format())
    assert report.pages, "The crawl found no page to check."
    assert not report.problems, report.format()

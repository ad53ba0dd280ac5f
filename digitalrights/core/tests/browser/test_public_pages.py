"""Hold every public page, in every language, to the browser quality gate.

The demo content fills the site; the crawler then follows every link from
each language's home page. See crawler.py for what each page must satisfy.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command

from digitalrights.campaigns.tests.factories import running_campaign_everywhere
from digitalrights.core.tests.browser import crawler

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_every_public_page_passes_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    # The demo's campaign is over; one running today shows on the home page.
    running_campaign_everywhere(slug="running-campaign")
    # Playwright's sync API runs an event loop in this thread; the live
    # server's threads query the database meanwhile, which Django would
    # otherwise refuse as a possible async misuse.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    languages = [code for code, _name in settings.LANGUAGES]
    # Forms are not submitted by the crawl: start from some of their results,
    # including an empty search and one that finds nothing.
    results = [
        "/cities/find/?q=barcelona",
        "/cities/find/?q=",
        "/cities/find/?q=zzzzqqq",
        "/cities/?country=NL&region=&year=",
        # Endorsing Amsterdam: the form page, and the page after sending it.
        "/endorse/2759794/",
        "/endorse/2759794/sent/",
        "/your-data/sent/",
        "/campaigns/100-cities-in-100-days/",
        "/campaigns/100-cities-in-100-days/badge.svg",
        # Searches with words, filters, an unknown filter and nothing found.
        "/search/?q=data",
        "/search/?q=barcelona&type=initiative&principle=2",
        "/initiatives/?principle=9&topic=privacy",
        "/toolkit/?q=zzzzqqq",
        # The algorithm register: facets that combine, one unknown value.
        "/register/?status=in_use&status=retired&risk=high",
        "/register/?city=2759794&risk=catastrophic",
        # Progress monitoring: the demo publishes Amsterdam's and Barcelona's.
        "/progress/",
        "/progress/method/",
        "/progress/cities/2759794/",
        "/progress/compare/",
        "/progress/compare/?city=2759794&city=3128760&city=5128581",
    ]
    # Pages that answer with an error status, and must still pass.
    errors = [
        "/no-such-page/",
        "/campaigns/no-such-campaign/badge.svg",
        "/cities/?country=XX&year=1066",
        "/endorse/confirm/not-a-real-link/",
        "/your-data/open/not-a-real-link/",
    ]
    report = crawler.crawl(
        live_server.url,
        [f"/{code}/" for code in languages]
        + [f"/{code}{path}" for code in languages for path in results],
        error_paths=[f"/{code}{path}" for code in languages for path in errors],
        tools=tools,
        # Every kind of page in every language, but not every city, every
        # initiative and every page of results: four of each shape. Feeds and
        # calendars count as pages but cost only a request each.
        per_pattern=4,
        max_pages=800,
    )

    print(report.format())
    assert report.pages, "The crawl found no page to check."
    assert not report.problems, report.format()

"""The officials' answer pages and the reviewers' pages pass the browser
quality gate (axe-core, the Nu HTML checker, no-JS), with and without
JavaScript, and their forms work in a browser without it."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from digitalrights.core.tests.browser import crawler
from digitalrights.initiatives.services import LinkData
from digitalrights.membership.tests.factories import sign_in
from digitalrights.monitoring import services
from digitalrights.monitoring.models import AssessmentState, Reviewer
from digitalrights.workinggroups.models import WorkingGroupPage

from .factories import framework, member_city, official_of, person

pytestmark = pytest.mark.browser


def cookies_of(user, live_server) -> list[dict]:
    client = Client()
    sign_in(client, user)
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "domain": urlsplit(live_server.url).hostname,
            "path": "/",
        }
    ]


def under_review(django_user_model):
    """Return an official, a reviewer of principle 1 and an assessment sent
    back with comments on both sides (every kind of thread on the pages)."""
    staff = django_user_model.objects.create_superuser(
        username="secretariat-browser", email="sec@example.org", password=None
    )
    now = timezone.now()
    cycle = services.cycle_open(
        by=staff,
        year=2046,
        framework_version_id=framework(principles=(1, 2), per_principle=2).pk,
        opens_at=now - datetime.timedelta(days=1),
        deadline=now + datetime.timedelta(days=30),
    )
    city = member_city()
    official = official_of(city)
    reviewer = person()
    Reviewer.objects.create(
        user=reviewer,
        working_group=WorkingGroupPage.objects.live().filter(principle=1).first(),
    )
    assessment = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    indicators = list(cycle.framework_version.indicators.order_by("principle", "code"))
    for indicator in indicators:
        services.answer_save(
            user=official,
            assessment_id=assessment.pk,
            indicator_id=indicator.pk,
            level=3,
            justification="In place since last year.\nChecked by the council.",
            links=[LinkData(url="https://city.example.org/register", label="Register")],
        )
    services.assessment_submit(user=official, assessment_id=assessment.pk)
    services.review_comment(
        user=reviewer,
        assessment_id=assessment.pk,
        indicator_id=indicators[0].pk,
        text="Which register is it?",
    )
    services.review_comment(
        user=official,
        assessment_id=assessment.pk,
        indicator_id=indicators[0].pk,
        text="The algorithm register.",
    )
    services.review_comment(
        user=reviewer, assessment_id=assessment.pk, principle=1, text="Clear overall."
    )
    return official, reviewer, assessment, indicators


@pytest.mark.django_db(transaction=True)
def test_the_review_pages_pass_the_quality_gate(
    live_server, monkeypatch: pytest.MonkeyPatch, django_user_model
) -> None:
    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    official, reviewer, assessment, indicators = under_review(django_user_model)
    languages = ("en", "fr")

    # The city's pages: its list, the assessment with its threads and reply
    # forms, and an answer page (read-only while in review).
    official_paths = [
        "/officials/monitoring/",
        f"/officials/monitoring/{assessment.pk}/",
        f"/officials/monitoring/{assessment.pk}/indicators/{indicators[0].pk}/",
    ]
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{path}" for code in languages for path in official_paths],
        within=[f"/{code}/officials/monitoring/" for code in languages],
        cookies=cookies_of(official, live_server),
        tools=tools,
        per_pattern=2,
    )
    print(report.format())
    assert len(report.pages) >= len(official_paths) * len(languages)
    assert not report.problems, report.format()

    # The reviewer's pages: the list and one principle of the assessment.
    review_paths = [
        "/officials/monitoring/review/",
        f"/officials/monitoring/review/{assessment.pk}/principles/1/",
    ]
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{path}" for code in languages for path in review_paths],
        within=[f"/{code}/officials/monitoring/review/" for code in languages],
        cookies=cookies_of(reviewer, live_server),
        tools=tools,
    )
    print(report.format())
    assert len(report.pages) >= len(review_paths) * len(languages)
    assert not report.problems, report.format()


AXE_ERRORS = """async (tags) => (await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
})).violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' '))"""


@pytest.mark.django_db(transaction=True)
def test_reviewing_works_without_javascript_and_errors_keep_what_was_typed(
    live_server, monkeypatch: pytest.MonkeyPatch, django_user_model
) -> None:
    from playwright.sync_api import sync_playwright

    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    _official, reviewer, assessment, indicators = under_review(django_user_model)
    url = (
        f"{live_server.url}/en/officials/monitoring/review/"
        f"{assessment.pk}/principles/1/"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=tools.chromium,
            headless=True,
            args=list(crawler.CHROMIUM_ARGS),
        )
        try:
            context = browser.new_context(java_script_enabled=False)
            context.add_cookies(cookies_of(reviewer, live_server))
            page = context.new_page()
            page.goto(url)
            # Asking for changes without a message: refused, with the reason
            # at the top and beside the field; an overlong comment is kept.
            page.click("button[value=changes]")
            assert "Say what the city should change." in page.inner_text(
                ".error-summary"
            )
            target = f"i{indicators[1].pk}"
            page.fill(f"#id_{target}-text", "Is this the register of 2046?")
            page.click(f"#thread-{target} button[type=submit]")
            assert "Your comment is saved." in page.content()
            assert "Is this the register of 2046?" in page.content()
            page.fill("#id_decision-message", "Link the register itself.")
            page.click("button[value=changes]")
            assert "You asked the city for changes." in page.content()
            # The error page itself passes axe (run with scripts on).
            checked = browser.new_context()
            checked.add_cookies(cookies_of(reviewer, live_server))
            errors_page = checked.new_page()
            errors_page.goto(url)
            errors_page.fill(f"#id_{target}-text", "")
            errors_page.click(f"#thread-{target} button[type=submit]")
            assert "Write the comment." in errors_page.inner_text(".error-summary")
            errors_page.add_script_tag(path=str(tools.axe))
            assert errors_page.evaluate(AXE_ERRORS, list(crawler.AXE_TAGS)) == []
        finally:
            browser.close()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.CHANGES_REQUESTED

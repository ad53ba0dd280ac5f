"""Evidence documents in a browser: the answer page with its documents and
the public city page that lists them pass the quality gate (axe-core, the
Nu HTML checker), and a document is sent, refused and removed without
JavaScript, keeping what was typed."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from digitalrights.core.tests.browser import crawler
from digitalrights.monitoring import services
from digitalrights.monitoring.models import Assessment, EvidenceDocument

from .factories import framework, member_city, official_of
from .test_browser import AXE_ERRORS, cookies_of
from .test_evidence_documents import EXE, PDF

pytestmark = pytest.mark.browser


def with_documents(django_user_model):
    """Return an official, their draft with a document, its indicators, and a
    published demo assessment given a document too."""
    staff = django_user_model.objects.create_superuser(
        username="secretariat-documents", email="docs@example.org", password=None
    )
    now = timezone.now()
    cycle = services.cycle_open(
        by=staff,
        year=2045,
        framework_version_id=framework(principles=(1, 2), per_principle=2).pk,
        opens_at=now - datetime.timedelta(days=1),
        deadline=now + datetime.timedelta(days=30),
    )
    city = member_city()
    official = official_of(city)
    draft = services.assessment_start(
        user=official, geonameid=city.geonameid, cycle_id=cycle.pk
    )
    indicators = list(cycle.framework_version.indicators.order_by("principle", "code"))
    services.evidence_document_add(
        user=official,
        assessment_id=draft.pk,
        indicator_id=indicators[0].pk,
        upload=ContentFile(PDF, name="decision.pdf"),
        title="Council decision of May",
    )
    published = Assessment.objects.filter(is_current=True).select_related("city")[0]
    answer = published.answers.order_by("indicator__code")[0]
    document = EvidenceDocument(
        answer=answer,
        title="Audit of the register",
        content_type="application/pdf",
        size=len(PDF),
    )
    document.file.save("audit.pdf", ContentFile(PDF), save=True)
    return official, draft, indicators, published


@pytest.mark.django_db(transaction=True)
def test_document_pages_pass_the_quality_gate_and_work_without_javascript(
    live_server, monkeypatch: pytest.MonkeyPatch, django_user_model, tmp_path
) -> None:
    from playwright.sync_api import sync_playwright

    tools = crawler.require_tools()
    call_command("demo_load", "--quick", verbosity=0)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    official, draft, indicators, published = with_documents(django_user_model)
    answer_path = f"/officials/monitoring/{draft.pk}/indicators/{indicators[0].pk}/"
    city_path = f"/progress/cities/{published.city.geonameid}/"
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{answer_path}" for code in ("en", "fr")],
        within=[f"/{code}{answer_path}" for code in ("en", "fr")],
        cookies=cookies_of(official, live_server),
        tools=tools,
    )
    print(report.format())
    assert len(report.pages) >= 2
    assert not report.problems, report.format()
    report = crawler.crawl(
        live_server.url,
        [f"/{code}{city_path}" for code in ("en", "es")],
        within=[f"/{code}{city_path}" for code in ("en", "es")],
        tools=tools,
    )
    print(report.format())
    assert len(report.pages) >= 2
    assert not report.problems, report.format()

    hostile = tmp_path / "report.pdf"
    hostile.write_bytes(EXE)
    good = tmp_path / "figures.pdf"
    good.write_bytes(PDF)
    url = f"{live_server.url}/en{answer_path}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=tools.chromium,
            headless=True,
            args=list(crawler.CHROMIUM_ARGS),
        )
        try:
            context = browser.new_context(java_script_enabled=False)
            context.add_cookies(cookies_of(official, live_server))
            page = context.new_page()
            page.goto(url)
            assert "Council decision of May" in page.content()
            page.check("input[name=level][value='3']")
            page.fill("#id_justification", "Decided by the council.")
            page.set_input_files("#id_document", str(hostile))
            page.fill("#id_document_title", "Not a PDF")
            page.click("button[name=save]")
            assert "cannot be used as evidence" in page.inner_text(".error-summary")
            assert page.input_value("#id_justification") == "Decided by the council."
            assert page.input_value("#id_document_title") == "Not a PDF"
            # The same page with scripts on passes axe with its error.
            checked = browser.new_context()
            checked.add_cookies(cookies_of(official, live_server))
            errors_page = checked.new_page()
            errors_page.goto(url)
            errors_page.set_input_files("#id_document", str(hostile))
            errors_page.click("button[name=save]")
            assert "cannot be used" in errors_page.inner_text(".error-summary")
            errors_page.add_script_tag(path=str(tools.axe))
            assert errors_page.evaluate(AXE_ERRORS, list(crawler.AXE_TAGS)) == []
            # A real document, and the first one removed, in one save.
            page.set_input_files("#id_document", str(good))
            page.fill("#id_document_title", "Figures 2045")
            page.check("input[name=remove_documents]")
            page.click("button[name=save]")
            assert "Your answer to" in page.content()
            assert "Figures 2045" in page.content()
            assert "Council decision of May" not in page.content()
        finally:
            browser.close()
    assert [
        d.title for d in EvidenceDocument.objects.filter(answer__assessment=draft)
    ] == ["Figures 2045"]

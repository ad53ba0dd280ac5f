"""Prove that each check of the browser quality gate catches what it is for.

The crawler runs against a tiny static site served by http.server, with one
page per kind of fault, so no Django is involved.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from digitalrights.core.tests.browser import crawler

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>{header}<main>{heading}{body}</main></body>
</html>
"""


def page(
    title: str,
    body: str = "<p>Some text.</p>",
    *,
    head: str = "",
    heading_in_main: bool = True,
) -> str:
    heading = f"<h1>{title}</h1>"
    return PAGE.format(
        title=title,
        head=head,
        header="" if heading_in_main else f"<header>{heading}</header>",
        heading=heading if heading_in_main else "",
        body=body,
    )


def build_site(root: Path, other_origin: str) -> None:
    """Write one clean page that links to one page per fault."""
    faulty = [
        "axe.html",
        "invalid.html",
        "foreign.html",
        "heavy.html",
        "scripted.html",
        "broken-script.html",
        "broken-image.html",
    ]
    links = "".join(f'<li><a href="{name}">{name}</a></li>' for name in faulty)
    links += (
        '<li><a href="missing.html">A page that does not exist</a></li>'
        '<li><a href="declaration.pdf">The declaration</a></li>'
        '<li><a href="/admin/">Administration</a></li>'
        '<li><a href="mailto:info@example.org">Write to us</a></li>'
        '<li><a href="tel:+34000000000">Call us</a></li>'
        '<li><a href="https://example.org/">A partner</a></li>'
        '<li><a href="#top">Back to the top</a></li>'
    )
    files = {
        "index.html": page(
            "Home",
            f'<ul id="top">{links}</ul>',
            # Links stacked closer than 24px fail WCAG 2.2 target size.
            head="<style>li { margin: 0.5em 0; }</style>",
        ),
        # A text field without a label: valid HTML, but not accessible.
        "axe.html": page("Form", '<form><input type="text" name="q"></form>'),
        # A stray end tag: accessible, but not valid HTML.
        "invalid.html": page("Invalid", "<p>Text.</p></span>"),
        "foreign.html": page(
            "Foreign", f'<img src="{other_origin}/pixel.gif" alt="A pixel.">'
        ),
        "heavy.html": page("Heavy", head='<script src="big.js"></script>'),
        "scripted.html": page(
            "Loading",
            "",
            heading_in_main=False,
            head=(
                "<script>addEventListener('DOMContentLoaded', () => {"
                "document.querySelector('h1').textContent = 'Ready';"
                "document.querySelector('main').innerHTML = "
                "'<p>Written by a script.</p>'})</script>"
            ),
        ),
        "broken-script.html": page(
            "Broken script", head="<script>throw new Error('boom')</script>"
        ),
        "broken-image.html": page(
            "Broken image", '<img src="not-there.gif" alt="Nothing.">'
        ),
        "big.js": "// padding\n" * 25_000,
        "pixel.gif": "GIF89a",
        "declaration.pdf": "%PDF-1.4\n",
    }
    for name, text in files.items():
        (root / name).write_text(text)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    # Same server, other host name: another origin as far as browsers go.
    build_site(root, other_origin=f"http://localhost:{port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def report(site: str) -> crawler.Report:
    tools = crawler.require_tools()
    return crawler.crawl(site, ["/index.html"], tools=tools)


def problems(report: crawler.Report, name: str, check: str) -> list[str]:
    url = f"{report.base_url}/{name}"
    return [p.message for p in report.problems if p.url == url and p.check == check]


def test_clean_page_has_no_problems(report: crawler.Report) -> None:
    assert problems(report, "index.html", "axe") == []
    assert [p for p in report.problems if p.url.endswith("/index.html")] == []


def test_every_linked_html_page_is_checked_once(report: crawler.Report) -> None:
    names = sorted(url.rsplit("/", 1)[1] for url in report.pages)
    assert names == [
        "axe.html",
        "broken-image.html",
        "broken-script.html",
        "foreign.html",
        "heavy.html",
        "index.html",
        "invalid.html",
        "scripted.html",
    ]


def test_non_html_links_are_skipped_not_failed(report: crawler.Report) -> None:
    assert [url.rsplit("/", 1)[1] for url, _ in report.skipped] == ["declaration.pdf"]
    assert not [p for p in report.problems if "declaration" in p.url]


def test_admin_mail_phone_and_other_sites_are_not_followed(
    report: crawler.Report,
) -> None:
    visited = report.pages + [p.url for p in report.problems]
    for fragment in ("/admin/", "mailto:", "tel:", "example.org", "#"):
        assert not [url for url in visited if fragment in url]


def test_accessibility_violation_fails(report: crawler.Report) -> None:
    [message] = problems(report, "axe.html", "axe")
    assert message.startswith("label (critical): ")
    assert "input" in message


def test_invalid_html_fails(report: crawler.Report) -> None:
    [message] = problems(report, "invalid.html", "html")
    assert "Stray end tag" in message
    assert "span" in message


def test_request_to_another_origin_fails(report: crawler.Report) -> None:
    [message] = problems(report, "foreign.html", "origin")
    assert message.startswith("requests another origin: http://localhost:")


def test_heavy_page_fails(report: crawler.Report) -> None:
    [message] = problems(report, "heavy.html", "weight")
    assert message.startswith("weighs 268.")
    assert "more than the 200 KiB allowed" in message


def test_page_that_needs_javascript_fails(report: crawler.Report) -> None:
    assert problems(report, "scripted.html", "no-js") == [
        "<main> is empty without JavaScript",
        "<h1> reads ['Loading'] without JavaScript but ['Ready'] with it",
    ]


def test_broken_link_fails_and_names_the_linking_page(
    report: crawler.Report,
) -> None:
    assert problems(report, "missing.html", "status") == [
        f"answers 404 (linked from {report.base_url}/index.html)"
    ]


def test_script_error_fails(report: crawler.Report) -> None:
    [message] = problems(report, "broken-script.html", "script")
    assert "boom" in message


def test_missing_image_fails(report: crawler.Report) -> None:
    [message] = problems(report, "broken-image.html", "resource")
    assert message.endswith("/not-there.gif answers 404")


def test_report_lists_each_problem_under_its_page(report: crawler.Report) -> None:
    text = report.format()
    assert f"\n{report.base_url}/axe.html\n  [axe] label (critical)" in text
    assert "Summary (pages affected):" in text


def test_reaching_the_page_limit_fails(site: str) -> None:
    tools = crawler.require_tools()
    capped = crawler.crawl(site, ["/index.html"], max_pages=2, tools=tools)
    assert len(capped.pages) == 2
    unchecked = [p.message for p in capped.problems if p.check == "crawl"]
    assert unchecked
    assert all("the crawl stopped at 2 pages" in message for message in unchecked)


def test_an_expected_error_page_is_checked_like_any_page(site: str) -> None:
    tools = crawler.require_tools()
    checked = crawler.crawl(
        site, ["/axe.html"], error_paths=["/missing.html", "/index.html"], tools=tools
    )
    assert f"{site}/missing.html" in checked.pages
    statuses = [p for p in checked.problems if p.check == "status"]
    assert [(p.url, p.message) for p in statuses] == [
        (f"{site}/index.html", "answers 200, not the error status expected")
    ]


def test_pattern_groups_pages_of_one_shape() -> None:
    assert crawler.pattern("http://x/en/cities/2759794-amsterdam/") == (
        crawler.pattern("http://x/en/cities/3128760-barcelona/")
    )
    assert crawler.pattern("http://x/en/search/?page=2&q=a") == (
        "/en/search/?page=*&q=*"
    )
    assert crawler.pattern("http://x/en/about/") == "/en/about/"

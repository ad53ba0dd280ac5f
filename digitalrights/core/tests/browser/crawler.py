"""Crawl a site in Chromium and hold every public page to the quality gate.

Starting from a few paths, the crawler follows every same-origin ``<a href>``
breadth first and checks each HTML page for:

- axe-core violations of WCAG 2.0/2.1/2.2 A and AA (``axe``);
- Nu HTML Checker errors in the HTML the server sent (``html``);
- any request the page makes to another origin (``origin``);
- a page weight, document plus everything it loaded, above 200 KiB
  (``weight``);
- a ``<main>`` that is missing or empty without JavaScript, or an ``<h1>``
  that reads differently without it (``no-js``);
- a link that answers with an error status (``status``), a resource of the
  page that fails to load (``resource``) and an uncaught script error
  (``script``).

It needs no Django, so it can be pointed at a running server by hand::

    python -m digitalrights.core.tests.browser.crawler http://127.0.0.1:8000 /en/

The pytest tests in this package call :func:`crawl` against a live server.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Response

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
MAX_PAGES = 400
MAX_PAGE_WEIGHT = 200 * 1024
SKIPPED_PREFIXES = ("/admin/",)
CHROMIUM = "/usr/bin/chromium"
# The test machines have no internet: without these Chromium keeps trying to
# reach Google's services, which is slow and would count as foreign requests.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Browsers checking pages side by side; each is a Chromium of its own.
WORKERS = 3
TIMEOUT_SECONDS = 30
# Requests still in flight after "load" (late images, fonts) belong to the
# page too; wait this long at most for them to finish.
SETTLE_SECONDS = 5
LOCAL_SCHEMES = {"data", "blob", "about"}

AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}"""
TEXTS = """(selector) => Array.from(document.querySelectorAll(selector),
    (el) => el.textContent.replace(/\\s+/g, ' ').trim())"""
LINKS = """() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href)"""


@dataclass(frozen=True)
class Problem:
    """One failed check on one page."""

    url: str
    check: str
    message: str
    # What the summary groups by: the axe rule, the vnu message, the check.
    kind: str = ""


@dataclass
class Report:
    """Everything a crawl found."""

    base_url: str
    pages: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    weights: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def format(self) -> str:
        """Return the report for a person: problems by page, then a summary."""
        lines = [
            f"Browser quality gate on {self.base_url}: {len(self.pages)} pages "
            f"checked in {self.seconds:.0f} s, {len(self.problems)} problems.",
        ]
        if self.weights:
            heaviest = max(self.weights, key=self.weights.__getitem__)
            lines.append(
                f"Heaviest page: {heaviest} ({self.weights[heaviest] / 1024:.1f} KiB)."
            )
        by_url: dict[str, list[Problem]] = {}
        for problem in self.problems:
            by_url.setdefault(problem.url, []).append(problem)
        for url, problems in by_url.items():
            lines.append("")
            lines.append(url)
            lines.extend(f"  [{p.check}] {p.message}" for p in problems)
        if self.problems:
            lines.append("")
            lines.append("Summary (pages affected):")
            counts = Counter(
                (p.check, p.kind or p.check)
                for p in {(p.url, p.check, p.kind): p for p in self.problems}.values()
            )
            for (check, kind), count in counts.most_common():
                lines.append(f"  {count:4d}  [{check}] {kind}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Tools:
    """The programs the crawl runs."""

    chromium: str
    java: str
    axe: Path
    vnu: Path


def find_node_modules() -> Path | None:
    """Return the nearest node_modules above this file or the working dir."""
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            candidate = folder / "node_modules"
            if (candidate / "axe-core").is_dir():
                return candidate
    return None


def locate_tools() -> tuple[Tools | None, list[str]]:
    """Return the tools, or None and a sentence for each one that is missing."""
    missing = []
    chromium = os.environ.get("CHROMIUM", CHROMIUM)
    if not os.access(chromium, os.X_OK):
        missing.append(f"Chromium is not installed at {chromium}.")
    java = shutil.which("java")
    if java is None:
        missing.append("Java is not installed (no java on PATH).")
    node_modules = find_node_modules() or Path.cwd() / "node_modules"
    axe = node_modules / "axe-core" / "axe.min.js"
    if not axe.is_file():
        missing.append(f"axe-core is missing ({axe}); run npm ci.")
    vnu = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu.is_file():
        missing.append(f"vnu-jar is missing ({vnu}); run npm ci.")
    if missing:
        return None, missing
    assert java is not None
    return Tools(chromium=chromium, java=java, axe=axe, vnu=vnu), []


def require_tools() -> Tools:
    """Return the tools, or skip the calling test; under CI, fail it instead.

    CI must never pass the gate by skipping it, so there a missing tool is an
    error rather than a reason to skip.
    """
    import pytest

    tools, missing = locate_tools()
    if tools is None:
        reason = "Browser tests need: " + " ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + " CI is set, so this fails instead of skipping.")
        pytest.skip(reason)
    return tools


def origin(url: str) -> str:
    """Return scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True)
class _Fetched:
    status: int
    content_type: str
    body: bytes
    location: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _fetch(url: str, cookie: str = "") -> _Fetched:
    """GET a URL as the server answers it, without following redirects."""
    headers = {"Accept": "text/html,*/*"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)
    try:
        response = _opener.open(request, timeout=TIMEOUT_SECONDS)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return _Fetched(
            status=response.status,
            content_type=response.headers.get("Content-Type", ""),
            body=response.read(),
            location=response.headers.get("Location", ""),
        )


def _body_size(response: Response) -> int:
    """Return the decoded size of a response body; redirects have none."""
    try:
        return len(response.body())
    except PlaywrightError:
        return 0


class _Crawl:
    """One crawl: a queue of URLs shared by a few browser workers."""

    def __init__(
        self,
        base_url: str,
        tools: Tools,
        *,
        max_pages: int,
        max_weight: int,
        skipped_prefixes: Sequence[str],
        html_dir: Path,
        error_pages: Iterable[str] = (),
        within: Sequence[str] = (),
        cookies: Sequence[dict] = (),
        per_pattern: int | None = None,
    ) -> None:
        self.origin = origin(base_url)
        # When set, at most this many linked pages of one shape (pattern())
        # are checked: the hundredth city page adds time, not coverage.
        self.per_pattern = per_pattern
        self.pattern_counts: Counter[str] = Counter()
        # Pages that must answer with an error status, and still pass the
        # checks (a "not found" page is a page people read too).
        self.error_pages = set(error_pages)
        self.tools = tools
        self.max_pages = max_pages
        self.max_weight = max_weight
        self.skipped_prefixes = tuple(skipped_prefixes)
        # When set, only paths under these prefixes are followed.
        self.within = tuple(within)
        # Given to both tabs of every worker (a signed-in session, say).
        self.cookies = list(cookies)
        self.cookie_header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
        self.html_dir = html_dir
        self.html_files: dict[Path, str] = {}
        self.report = Report(base_url=base_url)
        self.reported: set[Problem] = set()
        # Guards everything below, and wakes idle workers when links arrive.
        self.lock = threading.Condition()
        self.queue: deque[tuple[str, str | None]] = deque()
        self.order: dict[str, int] = {}
        self.busy = 0
        self.stopped = False
        self.errors: list[BaseException] = []

    def fail(self, url: str, check: str, message: str, kind: str = "") -> None:
        problem = Problem(url, check, message, kind)
        with self.lock:
            # The same foreign request, say, shows with and without JavaScript.
            if problem not in self.reported:
                self.reported.add(problem)
                self.report.problems.append(problem)

    def follows(self, url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme in {"http", "https"}
            and origin(url) == self.origin
            and not parts.path.startswith(self.skipped_prefixes)
            and (not self.within or parts.path.startswith(self.within))
        )

    def _enqueue(self, url: str, linked_from: str | None) -> None:
        url = urldefrag(url).url
        if url not in self.order and self.follows(url):
            if linked_from is not None and self.per_pattern is not None:
                shape = pattern(url)
                if self.pattern_counts[shape] >= self.per_pattern:
                    return
                self.pattern_counts[shape] += 1
            self.order[url] = len(self.order)
            self.queue.append((url, linked_from))

    def run(self, start_urls: Iterable[str], workers: int) -> None:
        """Check every page reachable from the start URLs, breadth first."""
        with self.lock:
            for url in start_urls:
                self._enqueue(url, None)
        threads = [
            threading.Thread(target=self.work, name=f"crawler-{number}")
            for number in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if self.errors:
            raise self.errors[0]

    def _next(self) -> tuple[str, str | None] | None:
        with self.lock:
            while not self.queue and self.busy and not self.stopped:
                self.lock.wait()
            if self.stopped or not self.queue:
                return None
            self.busy += 1
            return self.queue.popleft()

    def _done(self, links: list[tuple[str, str | None]]) -> None:
        with self.lock:
            for link, linked_from in links:
                self._enqueue(link, linked_from)
            self.busy -= 1
            self.lock.notify_all()

    def work(self) -> None:
        """Take URLs from the queue until it stays empty, in one browser."""
        try:
            # Playwright's sync API belongs to the thread that starts it, so
            # each worker has its own Playwright and its own Chromium.
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=self.tools.chromium,
                    headless=True,
                    args=CHROMIUM_ARGS,
                )
                try:
                    browser_pages = _BrowserPages(self, browser)
                    while (item := self._next()) is not None:
                        links: list[tuple[str, str | None]] = []
                        try:
                            links = self.visit(browser_pages, *item)
                        finally:
                            self._done(links)
                finally:
                    browser.close()
        except BaseException as error:
            with self.lock:
                self.errors.append(error)
                self.stopped = True
                self.lock.notify_all()

    def visit(
        self, browser_pages: _BrowserPages, url: str, linked_from: str | None
    ) -> list[tuple[str, str | None]]:
        """Check one URL and return the links to follow from it."""
        try:
            fetched = _fetch(url, self.cookie_header)
        except OSError as error:
            self.fail(url, "status", f"could not be fetched: {error}")
            return []
        if url in self.error_pages and fetched.status < 400:
            self.fail(
                url,
                "status",
                f"answers {fetched.status}, not the error status expected",
                "error page without error status",
            )
        if 300 <= fetched.status < 400 and fetched.location:
            return [(urljoin(url, fetched.location), linked_from)]
        if fetched.status >= 400 and url not in self.error_pages:
            where = f"linked from {linked_from}" if linked_from else "start page"
            self.fail(
                url, "status", f"answers {fetched.status} ({where})", "error status"
            )
            return []
        if not fetched.content_type.startswith("text/html"):
            with self.lock:
                self.report.skipped.append((url, fetched.content_type))
            return []
        with self.lock:
            if len(self.report.pages) >= self.max_pages:
                self.stopped = True
                self.lock.notify_all()
                number = 0
            else:
                self.report.pages.append(url)
                number = len(self.report.pages)
                path = self.html_dir / f"page-{number:04d}.html"
                self.html_files[path] = url
        if not number:
            self.fail(
                url,
                "crawl",
                f"not checked: the crawl stopped at {self.max_pages} pages; "
                "raise the limit so that no page goes unchecked",
            )
            return []
        path.write_bytes(fetched.body)
        return [(link, url) for link in browser_pages.check(url)]


class _BrowserPages:
    """A worker's two tabs, one with JavaScript and one without, reused.

    Opening a tab costs more than loading a page, so each worker keeps its two
    tabs and moves them from page to page; events go to the page in ``url``.
    """

    def __init__(self, crawl: _Crawl, browser: Browser) -> None:
        self.crawl = crawl
        self.url = ""
        self.pending: set[Request] = set()
        self.responses: list[Response] = []
        self.script_errors: list[str] = []
        # The site may forbid inline scripts, which is how axe is added.
        self.with_js = browser.new_context(bypass_csp=True)
        self.without_js = browser.new_context(java_script_enabled=False)
        if crawl.cookies:
            self.with_js.add_cookies(crawl.cookies)
            self.without_js.add_cookies(crawl.cookies)
        for context in (self.with_js, self.without_js):
            context.set_default_timeout(TIMEOUT_SECONDS * 1000)
        self.js_page = self._open_js_page()
        self.plain_page = self._open_plain_page()

    def _open_js_page(self) -> Page:
        page = self.with_js.new_page()
        page.on("request", lambda request: self._requested(request, pending=True))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", self._request_failed)
        page.on("response", lambda response: self.responses.append(response))
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        return page

    def _open_plain_page(self) -> Page:
        page = self.without_js.new_page()
        page.on("request", lambda request: self._requested(request, pending=False))
        return page

    def _requested(self, request: Request, *, pending: bool) -> None:
        if pending:
            self.pending.add(request)
        if urlsplit(request.url).scheme in LOCAL_SCHEMES:
            return
        if origin(request.url) != self.crawl.origin:
            self.crawl.fail(
                self.url,
                "origin",
                f"requests another origin: {request.url}",
                "request to another origin",
            )

    def _request_failed(self, request: Request) -> None:
        self.pending.discard(request)
        failure = request.failure or ""
        # Leaving the page aborts what it still loads; that is no fault of it.
        if origin(request.url) == self.crawl.origin and "ERR_ABORTED" not in failure:
            self.crawl.fail(
                self.url,
                "resource",
                f"{request.url} failed to load: {failure}",
                "resource failed",
            )

    def check(self, url: str) -> list[str]:
        """Run the browser checks on one page and return the links it has."""
        fail = functools.partial(self.crawl.fail, url)
        self.url = url
        self.pending = set()
        self.responses = []
        self.script_errors = []
        links: list[str] = []
        headings = None
        page = self.js_page
        try:
            page.goto(url, wait_until="load")
            deadline = time.monotonic() + SETTLE_SECONDS
            while self.pending and time.monotonic() < deadline:
                page.wait_for_timeout(20)
            self._check_weight(url)
            page.add_script_tag(path=str(self.crawl.tools.axe))
            for violation in page.evaluate(AXE_RUN, list(AXE_TAGS)):
                targets = ", ".join(violation["targets"][:3])
                more = len(violation["targets"]) - 3
                if more > 0:
                    targets += f" and {more} more"
                fail(
                    "axe",
                    f"{violation['id']} ({violation['impact']}): "
                    f"{violation['help']} — {targets}",
                    violation["id"],
                )
            headings = page.evaluate(TEXTS, "h1")
            links.extend(page.evaluate(LINKS))
            for error in self.script_errors:
                fail("script", f"uncaught error: {error}", "uncaught error")
            # Leave the page, so that nothing it still does counts for the next.
            page.goto("about:blank")
        except PlaywrightError as error:
            fail("crawl", f"could not be checked with JavaScript: {error}")
            page.close()
            self.js_page = self._open_js_page()

        page = self.plain_page
        try:
            page.goto(url, wait_until="load")
            main = page.query_selector("main")
            if main is None:
                fail("no-js", "has no <main> without JavaScript", "no main")
            elif not main.inner_text().strip():
                fail("no-js", "<main> is empty without JavaScript", "empty")
            plain_headings = page.evaluate(TEXTS, "h1")
            if headings is not None and plain_headings != headings:
                fail(
                    "no-js",
                    f"<h1> reads {plain_headings!r} without JavaScript "
                    f"but {headings!r} with it",
                    "h1 differs",
                )
            links.extend(page.evaluate(LINKS))
        except PlaywrightError as error:
            fail("crawl", f"could not be checked without JavaScript: {error}")
            page.close()
            self.plain_page = self._open_plain_page()
        return links

    def _check_weight(self, url: str) -> None:
        total = 0
        for response in self.responses:
            if (
                response.status >= 400
                and response.url != url
                and origin(response.url) == self.crawl.origin
            ):
                self.crawl.fail(
                    url,
                    "resource",
                    f"{response.url} answers {response.status}",
                    "resource error status",
                )
            total += _body_size(response)
        with self.crawl.lock:
            self.crawl.report.weights[url] = total
        if total > self.crawl.max_weight:
            self.crawl.fail(
                url,
                "weight",
                f"weighs {total / 1024:.1f} KiB, more than the "
                f"{self.crawl.max_weight / 1024:.0f} KiB allowed",
                "too heavy",
            )


def _validate_html(crawl: _Crawl) -> None:
    """Run the Nu HTML Checker once over every page the crawl saved."""
    if not crawl.html_files:
        return
    result = subprocess.run(
        [
            crawl.tools.java,
            "-jar",
            str(crawl.tools.vnu),
            "--format",
            "json",
            "--errors-only",
            *map(str, crawl.html_files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        crawl.fail(
            crawl.report.base_url,
            "html",
            f"the Nu HTML Checker failed (exit {result.returncode}): "
            f"{result.stderr.strip()[:2000]}",
        )
        return
    by_name = {path.name: url for path, url in crawl.html_files.items()}
    for message in messages:
        name = Path(unquote(urlsplit(message.get("url", "")).path)).name
        url = by_name.get(name, message.get("url", crawl.report.base_url))
        line = message.get("lastLine")
        where = f"line {line}: " if line else ""
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        text = message.get("message", "")
        crawl.fail(
            url,
            "html",
            f"{where}{text}" + (f" — {extract[:120]}" if extract else ""),
            text,
        )


def pattern(url: str) -> str:
    """Return the shape of a URL: segments with digits and query values as *.

    ``/en/cities/2759794-amsterdam/`` and ``/en/cities/3128760-barcelona/``
    share ``/en/cities/*/``; ``/en/search/?page=2`` is ``/en/search/?page=*``.
    """
    parts = urlsplit(url)
    path = "/".join(
        "*" if any(c.isdigit() for c in segment) else segment
        for segment in parts.path.split("/")
    )
    keys = sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(f"{k}=*" for k in keys) if keys else "")


def crawl(
    base_url: str,
    start_paths: Sequence[str] = ("/",),
    *,
    max_pages: int = MAX_PAGES,
    max_weight: int = MAX_PAGE_WEIGHT,
    skipped_prefixes: Sequence[str] = SKIPPED_PREFIXES,
    workers: int = WORKERS,
    tools: Tools | None = None,
    error_paths: Sequence[str] = (),
    within: Sequence[str] = (),
    cookies: Sequence[dict] = (),
    per_pattern: int | None = None,
) -> Report:
    """Crawl from each start path on base_url and return what failed.

    Each of error_paths is crawled too, and must answer with an error status
    (a missing page, say) while passing every check of a page. With
    ``within``, only paths under those prefixes are followed; ``cookies``
    (Playwright's format) are set in every tab, to crawl as a signed-in
    person. With ``per_pattern``, at most that many linked pages of one shape
    (``pattern``) are checked; start paths always are.
    """
    if tools is None:
        tools, missing = locate_tools()
        if tools is None:
            raise RuntimeError(" ".join(missing))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="crawl-html-") as html_dir:
        job = _Crawl(
            base_url,
            tools,
            max_pages=max_pages,
            max_weight=max_weight,
            skipped_prefixes=skipped_prefixes,
            html_dir=Path(html_dir),
            error_pages=[urljoin(base_url, path) for path in error_paths],
            within=within,
            cookies=cookies,
            per_pattern=per_pattern,
        )
        starts = [urljoin(base_url, path) for path in (*start_paths, *error_paths)]
        job.run(starts, workers)
        _validate_html(job)
    # Workers finish in any order; report in the order pages were found.
    last = len(job.order)
    job.report.pages.sort(key=lambda url: job.order.get(url, last))
    job.report.problems.sort(key=lambda problem: job.order.get(problem.url, last))
    job.report.seconds = time.monotonic() - started
    return job.report


def main(argv: Sequence[str] | None = None) -> int:
    """Crawl a running server and print the report; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="for example http://127.0.0.1:8000")
    parser.add_argument(
        "paths", nargs="*", default=["/"], help="where to start (default: /)"
    )
    parser.add_argument("--max-pages", type=int, default=MAX_PAGES)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args(argv)
    tools, missing = locate_tools()
    if tools is None:
        print("\n".join(missing), file=sys.stderr)
        return 2
    report = crawl(
        args.base_url,
        args.paths,
        max_pages=args.max_pages,
        workers=args.workers,
        tools=tools,
    )
    print(report.format())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())

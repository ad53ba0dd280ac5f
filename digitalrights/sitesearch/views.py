from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import selectors
from .forms import SearchForm


def _page_links(request: HttpRequest, page: int, pages: int) -> dict:
    """Return the addresses of the pages around ``page``, keeping the search."""

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return "?" + query.urlencode()

    numbers = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    return {
        "previous": link(page - 1) if 1 < page <= pages else "",
        "next": link(page + 1) if page < pages else "",
        "numbers": [(n, link(n), n == page) for n in numbers],
        "first": link(1),
    }


def _removal_links(request: HttpRequest, results: selectors.SearchPage) -> list:
    """Return a link per chosen facet value that searches again without it."""
    links = []
    for facet in results.facets:
        for value in facet.selected:
            query = request.GET.copy()
            query.setlist(
                facet.key, [v for v in query.getlist(facet.key) if v != value.value]
            )
            query.pop("page", None)
            links.append(
                {
                    "facet": facet.label,
                    "label": value.label,
                    "url": "?" + query.urlencode(),
                }
            )
    return links


def _search_page(
    request: HttpRequest,
    *,
    sources: Sequence[type[selectors.Source]],
    title: str,
    lead: str,
    template: str = "sitesearch/search.html",
    extra: dict | None = None,
) -> HttpResponse:
    form = SearchForm(request.GET or None, topics=selectors.topic_vocabulary())
    criteria = form.criteria()
    page_number = form.page()
    results = selectors.search(criteria, page=page_number, sources=sources)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif results.past_the_end and results.total:
        status = 404
    context = {
        "form": form,
        "title": title,
        "lead": lead,
        "results": results,
        "single_kind": len(sources) == 1,
        "pagination": _page_links(request, results.page, results.pages),
        "removals": _removal_links(request, results),
        "ignored": form.ignored,
        "count_limit": selectors.COUNT_LIMIT,
        **(extra or {}),
    }
    return render(request, template, context, status=status)


@require_safe
def site_search(request: HttpRequest) -> HttpResponse:
    """Search initiatives, toolkit resources, member cities and news at once."""
    return _search_page(
        request,
        sources=selectors.SOURCES,
        title=_("Search"),
        lead=_(
            "Initiatives of member cities, the toolkit, member cities and news,"
            " in every language."
        ),
    )


@require_safe
def initiative_directory(request: HttpRequest) -> HttpResponse:
    """List the published initiatives of member cities, with the facets."""
    return _search_page(
        request,
        sources=(selectors.InitiativeSource,),
        title=_("What cities are doing"),
        lead=_(
            "Initiatives of member cities for digital rights, to learn from and"
            " to copy."
        ),
        extra={"feed_name": "initiatives:feed"},
    )


@require_safe
def toolkit_directory(request: HttpRequest) -> HttpResponse:
    """List the toolkit's published resources, with the facets."""
    return _search_page(
        request,
        sources=(selectors.ResourceSource,),
        title=_("Toolkit"),
        lead=_(
            "Policies, guidelines, procurement clauses, templates and tools that"
            " member cities share for others to reuse."
        ),
        extra={"feed_name": "toolkit:feed"},
    )

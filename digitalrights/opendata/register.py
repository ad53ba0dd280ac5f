"""``/api/v1/register/``: member cities' algorithm registers.

Only published entries (``AlgorithmEntry.objects.published()``), with what
their public page shows, never a draft. The filters are the public
register's facets (``/<lang>/register/?city=…&status=in_use&risk=high``),
read from the same columns (``register.selectors.FACET_COLUMNS``).
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router

from digitalrights.register.models import AlgorithmEntry, RiskLevel, SystemStatus
from digitalrights.register.selectors import FACET_COLUMNS

from . import keyset
from .common import (
    MAX_ID,
    MAX_VALUES,
    PROBLEMS,
    Addresses,
    Country,
    Facets,
    GeonameId,
    Language,
    Places,
    answer_in,
    batches,
    choice_label,
    last_modified,
    unchecked,
)
from .schemas import Problem, RegisterEntryOut, RegisterEntryPage

ORDERS = {
    "newest": keyset.Order("newest", "published_at", datetime, descending=True),
    "oldest": keyset.Order("oldest", "published_at", datetime),
    "title": keyset.Order("title", "title", str),
}
PAGE_SIZE = 50
MAX_PAGE_SIZE = 100

Status = Literal[tuple(SystemStatus.values)]
Risk = Literal[tuple(RiskLevel.values)]

router = Router(tags=["register"])


class EntryFacets(Facets):
    """The public register's facets, each repeatable: ``?risk=high&risk=limited``."""

    city: list[GeonameId] | None = Field(None, max_length=MAX_VALUES)
    country: list[Country] | None = Field(None, max_length=MAX_VALUES)
    status: list[Status] | None = Field(None, max_length=MAX_VALUES)
    risk: list[Risk] | None = Field(None, max_length=MAX_VALUES)


def published() -> QuerySet[AlgorithmEntry]:
    """Return what the public may see, with the city an answer names."""
    return (
        AlgorithmEntry.objects.published()
        .filter(published_at__isnull=False)
        .select_related("city", "city__membership")
    )


def entry_answers(entries: list[AlgorithmEntry]) -> list[dict]:
    """Return the answers for a page of entries loaded with ``published``."""
    places = Places()
    addresses = Addresses("register:detail")
    return [
        {
            "id": entry.pk,
            "title": entry.title,
            "summary": entry.summary,
            "language": entry.language,
            "city": places.out(entry.city),
            "department": entry.department,
            "status": entry.status,
            "status_label": choice_label(SystemStatus, entry.status),
            "started_on": entry.started_on,
            "retired_on": entry.retired_on,
            "risk": entry.risk,
            "risk_label": choice_label(RiskLevel, entry.risk),
            "purpose": entry.purpose,
            "data": entry.data,
            "uses_personal_data": entry.uses_personal_data,
            "how_it_works": entry.how_it_works,
            "supplier": entry.supplier or None,
            "code_url": entry.code_url or None,
            "human_oversight": entry.human_oversight,
            "objection": entry.objection,
            "contact": entry.contact,
            "contact_email": entry.contact_email or None,
            "more_info_url": entry.more_info_url or None,
            "url": addresses.of(entry.pk, entry.slug),
            "published_at": entry.published_at,
            "updated_at": entry.updated_at,
        }
        for entry in entries
    ]


def entry_rows() -> Iterator[dict]:
    """Yield every published entry as the API answers it, newest first."""
    rows = published().order_by("-published_at", "-pk")
    for batch in batches(rows.iterator(chunk_size=500), 500):
        yield from entry_answers(batch)


@router.get(
    "/",
    response={200: RegisterEntryPage, **PROBLEMS},
    summary="Algorithm register entries of member cities",
)
def entry_list(
    request: HttpRequest,
    facets: Query[EntryFacets],
    sort: Literal["newest", "oldest", "title"] = "newest",
    cursor: str | None = Query(None, max_length=keyset.MAX_CURSOR_LENGTH),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    lang: Language | None = None,
) -> dict:
    """The algorithmic systems member cities use, as their registers tell.

    Filtered like the public register: values of one filter combine with OR
    (``?status=in_use&status=piloting``), filters with AND. Follow ``next``
    for the next page.
    """
    answer_in(lang)
    rows = published()
    for facet, values in facets.criteria().selected.items():
        rows = rows.filter(**{f"{FACET_COLUMNS[facet]}__in": values})
    page, following = keyset.paginate(
        request,
        rows,
        order=ORDERS[sort],
        cursor=cursor,
        size=page_size,
        whole=published(),
    )
    return unchecked({"next": following, "results": entry_answers(page)})


@router.get(
    "/{id}",
    response={200: RegisterEntryOut, 404: Problem, **PROBLEMS},
    summary="One algorithm register entry",
)
def entry_detail(
    request: HttpRequest,
    response: HttpResponse,
    id: int = Path(..., ge=1, le=MAX_ID),
    lang: Language | None = None,
) -> dict:
    entry = published().filter(pk=id).first()
    if entry is None:
        raise Http404
    answer_in(lang)
    last_modified(response, entry.updated_at)
    return entry_answers([entry])[0]

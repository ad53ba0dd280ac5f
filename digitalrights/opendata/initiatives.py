"""``/api/v1/initiatives/``: the published initiatives of member cities.

Only what the public page shows, and only published initiatives
(``Initiative.objects.published()``): never a draft, a submitted or declined
one, a change waiting for the secretariat, or who proposed it. The filters
are the directory's facets (``/<lang>/initiatives/?principle=2&topic=…``),
narrowed by the same code (``sitesearch.selectors.InitiativeSource``).
"""

from datetime import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router

from digitalrights.initiatives.models import Initiative, InitiativeStatus
from digitalrights.initiatives.selectors import RENDITION_LARGE, with_everything
from digitalrights.sitesearch.selectors import (
    InitiativeSource,
    SearchContext,
    choice_label,
)

from . import keyset
from .common import (
    MAX_ID,
    MAX_VALUES,
    PROBLEMS,
    Country,
    Facets,
    GeonameId,
    Language,
    Principle,
    Slug,
    WrittenLanguage,
    absolute,
    answer_in,
    city_out,
    last_modified,
    topic_out,
)
from .schemas import InitiativeOut, InitiativePage, Problem, site_url

ORDERS = {
    "newest": keyset.Order("newest", "published_at", datetime, descending=True),
    "oldest": keyset.Order("oldest", "published_at", datetime),
    "title": keyset.Order("title", "title", str),
}
PAGE_SIZE = 50
MAX_PAGE_SIZE = 100

Status = Literal[tuple(InitiativeStatus.values)]

router = Router(tags=["initiatives"])


class InitiativeFacets(Facets):
    """The directory's facets, each repeatable: ``?status=running&status=planned``."""

    principle: list[Principle] | None = Field(None, max_length=MAX_VALUES)
    topic: list[Slug] | None = Field(None, max_length=MAX_VALUES)
    status: list[Status] | None = Field(None, max_length=MAX_VALUES)
    language: list[WrittenLanguage] | None = Field(None, max_length=MAX_VALUES)
    country: list[Country] | None = Field(None, max_length=MAX_VALUES)
    city: list[GeonameId] | None = Field(None, max_length=MAX_VALUES)


def published() -> QuerySet[Initiative]:
    """Return what the public may see, with what an answer shows.

    Publishing always sets ``published_at`` (``initiatives.services``); the
    filter only keeps a hand-made row without it from breaking the cursor.
    """
    return with_everything(
        Initiative.objects.published().filter(published_at__isnull=False)
    )


def initiative_out(initiative: Initiative) -> dict:
    pictures = []
    for picture in initiative.images.all():
        rendition = picture.image.get_rendition(RENDITION_LARGE)
        pictures.append(
            {
                "url": absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": picture.alt,
                "caption": picture.caption,
            }
        )
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "summary": initiative.summary,
        "body": initiative.body,
        "language": initiative.language,
        "status": initiative.status,
        "status_label": choice_label(InitiativeStatus, initiative.status),
        "started_on": initiative.started_on,
        "ended_on": initiative.ended_on,
        "principles": [principle.number for principle in initiative.principles.all()],
        "topics": [topic_out(topic) for topic in initiative.topics.all()],
        "city": city_out(initiative.city),
        # The public page shows them: a team or role, and a work address.
        "contact": initiative.contact or None,
        "contact_email": initiative.contact_email or None,
        "code_url": initiative.code_url or None,
        "licence": initiative.licence or None,
        "links": [
            {"url": link.url, "label": link.label} for link in initiative.links.all()
        ],
        "images": pictures,
        "url": site_url(initiative.get_absolute_url()),
        "published_at": initiative.published_at,
        "updated_at": initiative.updated_at,
    }


@router.get(
    "/",
    response={200: InitiativePage, **PROBLEMS},
    summary="Initiatives of member cities",
)
def initiative_list(
    request: HttpRequest,
    facets: Query[InitiativeFacets],
    sort: Literal["newest", "oldest", "title"] = "newest",
    cursor: str | None = Query(None, max_length=keyset.MAX_CURSOR_LENGTH),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    lang: Language | None = None,
) -> dict:
    """Published initiatives, newest first, filtered like the directory.

    Values of one filter combine with OR (``?status=running&status=planned``),
    filters with AND. A topic, country or city nobody filed an initiative
    under gives an empty list. Follow ``next`` for the next page.
    """
    answer_in(lang)
    # The directory's own narrowing, of the same published initiatives.
    rows = with_everything(
        InitiativeSource(SearchContext(lang)).filtered(facets.criteria())
    ).filter(published_at__isnull=False)
    page, following = keyset.paginate(
        request, rows, order=ORDERS[sort], cursor=cursor, size=page_size
    )
    return {"next": following, "results": [initiative_out(i) for i in page]}


@router.get(
    "/{id}",
    response={200: InitiativeOut, 404: Problem, **PROBLEMS},
    summary="One initiative",
)
def initiative_detail(
    request: HttpRequest,
    response: HttpResponse,
    id: int = Path(..., ge=1, le=MAX_ID),
    lang: Language | None = None,
) -> dict:
    initiative = published().filter(pk=id).first()
    if initiative is None:
        raise Http404
    answer_in(lang)
    last_modified(response, initiative.updated_at)
    return initiative_out(initiative)

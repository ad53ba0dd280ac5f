"""``/api/v1/initiatives/``: the published initiatives of member cities.

Only what the public page shows, and only published initiatives
(``Initiative.objects.published()``): never a draft, a submitted or declined
one, a change waiting for the secretariat, or who proposed it. The filters
are the directory's facets (``/<lang>/initiatives/?principle=2&topic=…``),
narrowed by the same code (``sitesearch.selectors.InitiativeSource``).
"""

from collections import defaultdict
from datetime import datetime
from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router
from wagtail.images import get_image_model

from digitalrights.initiatives.models import (
    Initiative,
    InitiativeImage,
    InitiativeLink,
    InitiativeStatus,
)
from digitalrights.initiatives.selectors import RENDITION_LARGE
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
    Addresses,
    Country,
    Facets,
    Filed,
    GeonameId,
    Language,
    Places,
    Principle,
    Slug,
    WrittenLanguage,
    absolute,
    answer_in,
    last_modified,
    links_by,
    unchecked,
    with_place,
)
from .schemas import InitiativeOut, InitiativePage, Problem

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
    """Return what the public may see, with the city an answer names.

    Publishing always sets ``published_at`` (``initiatives.services``); the
    filter only keeps a hand-made row without it from breaking the cursor.
    What else an answer shows is read by ``initiative_answers``.
    """
    return with_place(Initiative.objects.published().filter(published_at__isnull=False))


def initiative_answers(initiatives: list[Initiative]) -> list[dict]:
    """Return the answers for a page of initiatives, loaded with ``with_place``.

    What the page's initiatives have (principles, topics, links, pictures)
    is read for all of them at once, in a fixed few queries of plain rows.
    """
    ids = [initiative.pk for initiative in initiatives]
    filed = Filed(Initiative, ids)
    places = Places()
    addresses = Addresses("initiatives:detail")
    links = links_by(
        InitiativeLink.objects.filter(initiative_id__in=ids), "initiative_id"
    )
    pictures = defaultdict(list)
    images = get_image_model().objects.prefetch_renditions(RENDITION_LARGE)
    for picture in (
        InitiativeImage.objects.filter(initiative_id__in=ids)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("image", queryset=images))
    ):
        rendition = picture.image.get_rendition(RENDITION_LARGE)
        pictures[picture.initiative_id].append(
            {
                "url": absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": picture.alt,
                "caption": picture.caption,
            }
        )
    return [
        {
            "id": initiative.pk,
            "title": initiative.title,
            "summary": initiative.summary,
            "body": initiative.body,
            "language": initiative.language,
            "status": initiative.status,
            "status_label": choice_label(InitiativeStatus, initiative.status),
            "started_on": initiative.started_on,
            "ended_on": initiative.ended_on,
            "principles": filed.principles[initiative.pk],
            "topics": filed.topics[initiative.pk],
            "city": places.out_of(initiative),
            # The public page shows them: a team or role, and a work address.
            "contact": initiative.contact or None,
            "contact_email": initiative.contact_email or None,
            "code_url": initiative.code_url or None,
            "licence": initiative.licence or None,
            "links": links[initiative.pk],
            "images": pictures[initiative.pk],
            "url": addresses.of(initiative.pk, initiative.slug),
            "published_at": initiative.published_at,
            "updated_at": initiative.updated_at,
        }
        for initiative in initiatives
    ]


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
    rows = (
        InitiativeSource(SearchContext(lang))
        .filtered(facets.criteria())
        .filter(published_at__isnull=False)
    )
    page, following = keyset.paginate(
        request,
        rows,
        order=ORDERS[sort],
        cursor=cursor,
        size=page_size,
        whole=published(),  # by id, still only what the public may see
    )
    return unchecked({"next": following, "results": initiative_answers(page)})


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
    return initiative_answers([initiative])[0]

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

from django.db.models import QuerySet
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
from digitalrights.initiatives.services import TEXT_FIELDS
from digitalrights.sitesearch.selectors import InitiativeSource, SearchContext

from . import keyset
from .common import (
    MAX_ID,
    MAX_VALUES,
    PLACE_FIELDS,
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
    labels,
    last_modified,
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


# What an answer shows of an initiative's own row, read as a dictionary:
# what its city wrote (the fields a proposal edits), its address and dates.
FIELDS = ("id", *TEXT_FIELDS, "slug", "published_at", "updated_at")


def published() -> QuerySet:
    """Return what the public may see, as rows of what an answer shows:
    ``FIELDS`` and the city's (``with_place``).

    Dictionaries, not model objects: building 50 initiatives and reading
    every column they have took a tenth of a page's CPU time. Publishing
    always sets ``published_at`` (``initiatives.services``); the filter only
    keeps a hand-made row without it from breaking the cursor. What else an
    answer shows is read by ``initiative_answers``.
    """
    rows = Initiative.objects.published().filter(published_at__isnull=False)
    return with_place(rows).values(*FIELDS, *PLACE_FIELDS)


def initiative_answers(initiatives: list[dict]) -> list[dict]:
    """Return the answers for a page of initiatives, rows of ``published``.

    What the page's initiatives have (principles, topics, links, pictures)
    is read for all of them at once, in one query (``Filed``), and the
    pictures' images with their renditions, if there are any.
    """
    filed = Filed(
        Initiative,
        [initiative["id"] for initiative in initiatives],
        owner="initiative",
        links=InitiativeLink,
        pictures=InitiativeImage,
    )
    places = Places()
    addresses = Addresses("initiatives:detail")
    statuses = labels(InitiativeStatus)
    pictures = _pictures(filed.pictures)
    return [
        {
            "id": initiative["id"],
            "title": initiative["title"],
            "summary": initiative["summary"],
            "body": initiative["body"],
            "language": initiative["language"],
            "status": initiative["status"],
            "status_label": statuses.get(initiative["status"], initiative["status"]),
            "started_on": initiative["started_on"],
            "ended_on": initiative["ended_on"],
            "principles": filed.principles[initiative["id"]],
            "topics": filed.topics[initiative["id"]],
            "city": places.out_of(initiative),
            # The public page shows them: a team or role, and a work address.
            "contact": initiative["contact"] or None,
            "contact_email": initiative["contact_email"] or None,
            "code_url": initiative["code_url"] or None,
            "licence": initiative["licence"] or None,
            "links": filed.links[initiative["id"]],
            "images": pictures[initiative["id"]],
            "url": addresses.of(initiative["id"], initiative["slug"]),
            "published_at": initiative["published_at"],
            "updated_at": initiative["updated_at"],
        }
        for initiative in initiatives
    ]


def _pictures(filed: dict[int, list[tuple[int, str, str]]]) -> dict[int, list[dict]]:
    """Return the pictures ``Filed`` found, by initiative, with the address
    and size of their large rendition (made if missing, as the page does)."""
    found = defaultdict(list)
    wanted = {
        image for pictures in filed.values() for image, _alt, _caption in pictures
    }
    if not wanted:
        return found
    images = (
        get_image_model()
        .objects.filter(pk__in=wanted)
        .prefetch_renditions(RENDITION_LARGE)
        .in_bulk()
    )
    for initiative, pictures in filed.items():
        for image, alt, caption in pictures:
            rendition = images[image].get_rendition(RENDITION_LARGE)
            found[initiative].append(
                {
                    "url": absolute(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                    "alt": alt,
                    "caption": caption,
                }
            )
    return found


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
    last_modified(response, initiative["updated_at"])
    return initiative_answers([initiative])[0]

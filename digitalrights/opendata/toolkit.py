"""``/api/v1/resources/``: the toolkit's published resources.

Only published ones (``Resource.objects.published()``), with what their
public page shows. A file's address is ``/documents/…``, where the toolkit
checks that its resource is public, never ``/media/``. The filters are the
toolkit directory's facets (``/<lang>/toolkit/?type=policy&principle=2…``),
narrowed by the same code (``sitesearch.selectors.ResourceSource``).
"""

from datetime import date
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Query, Router
from wagtail.documents.models import AbstractDocument

from digitalrights.sitesearch.selectors import (
    ResourceSource,
    SearchContext,
)
from digitalrights.toolkit.models import Resource, ResourceKind

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
    answer_in,
    choice_label,
    last_modified,
    unchecked,
)
from .schemas import Problem, ResourceOut, ResourcePage, site_url

ORDERS = {
    "newest": keyset.Order("newest", "version_date", date, descending=True),
    "oldest": keyset.Order("oldest", "version_date", date),
    "title": keyset.Order("title", "title", str),
}
PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
Kind = Literal[tuple(ResourceKind.values)]

router = Router(tags=["toolkit"])


class ResourceFacets(Facets):
    """The toolkit directory's facets, each repeatable: ``?type=policy&type=tool``."""

    type: list[Kind] | None = Field(None, max_length=MAX_VALUES)
    principle: list[Principle] | None = Field(None, max_length=MAX_VALUES)
    topic: list[Slug] | None = Field(None, max_length=MAX_VALUES)
    language: list[WrittenLanguage] | None = Field(None, max_length=MAX_VALUES)
    country: list[Country] | None = Field(None, max_length=MAX_VALUES)
    city: list[GeonameId] | None = Field(None, max_length=MAX_VALUES)


def with_everything(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Load the rows an answer names; ``resource_answers`` reads the rest."""
    return resources.select_related(
        "source_city", "source_city__membership", "document"
    )


def file_out(document: AbstractDocument | None) -> dict | None:
    if document is None:
        return None
    # The toolkit's checked address, whatever WAGTAILDOCS_SERVE_METHOD says.
    path = reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    return {
        "url": site_url(path),
        "size": document.file_size,
        "extension": document.file_extension.lower(),
        "content_type": document.content_type,
    }


def resource_answers(resources: list[Resource]) -> list[dict]:
    """Return the answers for a page of resources, loaded with ``with_everything``.

    Their principles and topics are read for the whole page at once.
    """
    filed = Filed(Resource, [resource.pk for resource in resources])
    places = Places()
    addresses = Addresses("toolkit:detail")
    return [
        {
            "id": resource.pk,
            "title": resource.title,
            "summary": resource.summary,
            "type": resource.kind,
            "type_label": choice_label(ResourceKind, resource.kind),
            "principles": filed.principles[resource.pk],
            "topics": filed.topics[resource.pk],
            "language": resource.language,
            "licence": resource.licence or None,
            "source_city": (
                places.out(resource.source_city)
                if resource.source_city is not None
                else None
            ),
            "source_organisation": resource.source_organisation or None,
            "file": file_out(resource.document),
            "link": resource.url or None,
            "version_date": resource.version_date,
            "url": addresses.of(resource.pk, resource.slug),
            "created_at": resource.created_at,
            "updated_at": resource.updated_at,
        }
        for resource in resources
    ]


@router.get(
    "/",
    response={200: ResourcePage, **PROBLEMS},
    summary="Toolkit resources",
)
def resource_list(
    request: HttpRequest,
    facets: Query[ResourceFacets],
    sort: Literal["newest", "oldest", "title"] = "newest",
    cursor: str | None = Query(None, max_length=keyset.MAX_CURSOR_LENGTH),
    page_size: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    lang: Language | None = None,
) -> dict:
    """Published resources, newest version first, filtered like the toolkit.

    Values of one filter combine with OR, filters with AND; ``city`` and
    ``country`` are those of the city that made it. Follow ``next`` for the
    next page.
    """
    answer_in(lang)
    rows = with_everything(
        ResourceSource(SearchContext(lang)).filtered(facets.criteria())
    )
    page, following = keyset.paginate(
        request,
        rows,
        order=ORDERS[sort],
        cursor=cursor,
        size=page_size,
        whole=with_everything(Resource.objects.published()),
    )
    return unchecked({"next": following, "results": resource_answers(page)})


@router.get(
    "/{id}",
    response={200: ResourceOut, 404: Problem, **PROBLEMS},
    summary="One toolkit resource",
)
def resource_detail(
    request: HttpRequest,
    response: HttpResponse,
    id: int = Path(..., ge=1, le=MAX_ID),
    lang: Language | None = None,
) -> dict:
    resource = with_everything(Resource.objects.published()).filter(pk=id).first()
    if resource is None:
        raise Http404
    answer_in(lang)
    last_modified(response, resource.updated_at)
    return resource_answers([resource])[0]

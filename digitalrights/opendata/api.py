"""The versioned, read-only JSON API (django-ninja), ``/api/v1/``.

Every collection can be filtered like the site, sorted, paginated, and read
in any shipped language (``?lang=``); every object has a stable id and the
address of its public page. Errors are RFC 9457 problem details, clients
over their rate get 429 with ``Retry-After``, and the OpenAPI 3.1
description is at ``/api/v1/openapi.json``.
"""

from functools import partial
from typing import Literal

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Router
from ninja.errors import HttpError, ValidationError
from ninja.pagination import CursorPagination, paginate
from ninja.throttling import AnonRateThrottle

from digitalrights.campaigns.models import CampaignPage
from digitalrights.campaigns.selectors import campaign_progress_list
from digitalrights.cities.geography import normalise_name
from digitalrights.cities.models import City, Member, MemberStatus
from digitalrights.cities.selectors import cities_named
from digitalrights.endorsements.views import client_ip

from . import initiatives, monitoring, news, register, toolkit, workinggroups
from .common import (
    PROBLEMS,
    Addresses,
    JSONRenderer,
    Language,
    LimitOffset,
    Mapped,
    Region,
    active_locale,
)
from .common import answer_in as _language
from .schemas import (
    CampaignOut,
    CityOut,
    EndorsementCountOut,
    MemberOut,
    Problem,
    site_url,
)

PROBLEM_TYPE = "about:blank"


class ClientThrottle(AnonRateThrottle):
    """Count requests per client address, as the trusted proxy saw it.

    The rate is ``API_RATE_LIMIT`` (for example "600/m"), read at each
    request so that it can change without a restart of the code's objects.
    """

    def __init__(self) -> None:
        super().__init__(settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str:
        return client_ip(request)


class OpenDataAPI(NinjaAPI):
    """django-ninja's API, describing its errors as problem documents."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {
                            "application/problem+json": content["application/json"]
                        }
        return schema


api = OpenDataAPI(
    title="Cities for Digital Rights",
    version="1",
    description=(
        "The open data of the Cities Coalition for Digital Rights: member"
        " cities, the gazetteer of the world's cities, campaigns, endorsement"
        " counts, the initiatives of member cities, the toolkit, the algorithm"
        " registers of member cities, the working groups with their meetings,"
        " the news, and the monitoring of progress: frameworks, cycles,"
        " assessments and scores. The licence (CC BY 4.0 unless"
        " the secretariat chose another) is in the catalogue, /catalog.ttl."
    ),
    urls_namespace="api-v1",
    docs_url=None,
    throttle=[ClientThrottle()],
    renderer=JSONRenderer(),
)


def _problem(request: HttpRequest, status: int, title: str, detail: str, **extra):
    response = api.create_response(
        request,
        {
            "type": PROBLEM_TYPE,
            "title": title,
            "status": status,
            "detail": detail,
            **extra,
        },
        status=status,
    )
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(part) for part in item.get("loc", [])], "msg": item.get("msg")}
        for item in error.errors
    ]
    return _problem(
        request,
        400,
        "Bad request",
        "A parameter has a value we cannot use.",
        errors=errors,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _problem(request, 404, "Not found", "There is nothing at this address.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    title = "Too many requests" if error.status_code == 429 else "Error"
    return _problem(request, error.status_code, title, str(error))


def _member_out(member: Member, addresses: Addresses | None = None) -> dict:
    """Return a member as the API shows it; ``addresses`` fills in the city
    pages' addresses of a list."""
    city = member.city
    if addresses is None:
        url = site_url(city.get_absolute_url())
    else:
        url = addresses.of(city.geonameid, city.slug or "city")
    return {
        "geonameid": city.geonameid,
        "name": member.name,
        "country_code": city.country_code,
        "country": city.country_name,
        "region_code": city.region_code,
        "status": member.status,
        "is_founder": member.is_founder,
        "joined_on": member.joined_on,
        "left_on": member.left_on,
        "signatory": member.signatory,
        "url": url,
    }


def _city_pages() -> Addresses:
    return Addresses("cities:city_detail", "geonameid")


members = Router(tags=["members"])


@members.get(
    "/",
    response={200: list[MemberOut], **PROBLEMS},
    summary="Member cities",
)
@paginate(LimitOffset)
def member_list(
    request: HttpRequest,
    country: str | None = Query(
        None, min_length=2, max_length=2, pattern="^[A-Za-z]{2}$"
    ),
    region: Region | None = None,
    year: int | None = Query(None, ge=2018, le=2100),
    status: Literal["member", "former", "all"] = "member",
    sort: Literal["joined_on", "-joined_on", "name", "-name"] = "joined_on",
    lang: Language | None = None,
) -> Mapped:
    """The coalition's member cities, in order of joining by default."""
    rows: QuerySet[Member] = Member.objects.select_related("city")
    if status == "member":
        rows = rows.filter(status=MemberStatus.ACTIVE)
    elif status == "former":
        rows = rows.filter(status=MemberStatus.FORMER)
    if country:
        rows = rows.filter(city__country_code=country.upper())
    if region:
        rows = rows.filter(city__region_code=region)
    if year:
        rows = rows.filter(joined_on__year=year)
    _language(lang)
    # Only the page asked for becomes answers, not all the members.
    out = partial(_member_out, addresses=_city_pages())
    whole = Member.objects.select_related("city")
    return Mapped(_members_ordered(rows, sort), out, whole)


def _members_ordered(rows: QuerySet[Member], sort: str) -> QuerySet[Member]:
    """Order members by joining date (then id), or by the city's name.

    The name is read for each member by its key: joined to the gazetteer to
    sort, PostgreSQL read all its 30,000 cities (``make bench-api``).
    """
    if sort.lstrip("-") == "joined_on":
        order = ["joined_on", "pk"]
    else:
        names = City.objects.filter(pk=OuterRef("city_id")).order_by().values("name")
        rows = rows.annotate(city_name=Subquery(names))
        order = ["city_name", "pk"]
    if sort.startswith("-"):
        order = [f"-{name}" for name in order]
    return rows.order_by(*order)


def member_rows() -> list[dict]:
    """Return every member city, present and former, as the API shows them."""
    rows = _members_ordered(Member.objects.select_related("city"), "joined_on")
    addresses = _city_pages()
    return [_member_out(member, addresses) for member in rows]


@members.get(
    "/{geonameid}",
    response={200: MemberOut, 404: Problem, **PROBLEMS},
    summary="One member city",
)
def member_detail(
    request: HttpRequest, geonameid: int, lang: Language | None = None
) -> dict:
    member = (
        Member.objects.select_related("city").filter(city__geonameid=geonameid).first()
    )
    if member is None:
        raise Http404
    _language(lang)
    return _member_out(member)


cities = Router(tags=["cities"])


@cities.get(
    "/",
    response={200: list[CityOut], **PROBLEMS},
    summary="The gazetteer of the world's cities",
)
@paginate(CursorPagination, ordering=("geonameid",), page_size=100, max_page_size=500)
def city_list(
    request: HttpRequest,
    country: str | None = Query(
        None, min_length=2, max_length=2, pattern="^[A-Za-z]{2}$"
    ),
    region: Region | None = None,
    name: str | None = Query(None, max_length=100),
    lang: Language | None = None,
):
    """Every city residents can ask to join; ``name`` finds any spelling."""
    rows = City.objects.select_related("membership")
    if country:
        rows = rows.filter(country_code=country.upper())
    if region:
        rows = rows.filter(region_code=region)
    if name and normalise_name(name):
        rows = cities_named(name, rows)
    _language(lang)
    return rows


@cities.get(
    "/{geonameid}",
    response={200: CityOut, 404: Problem, **PROBLEMS},
    summary="One city",
)
def city_detail(request: HttpRequest, geonameid: int, lang: Language | None = None):
    city = City.objects.select_related("membership").filter(geonameid=geonameid).first()
    if city is None:
        raise Http404
    _language(lang)
    return city


campaigns = Router(tags=["campaigns"])


@campaigns.get(
    "/",
    response={200: list[CampaignOut], **PROBLEMS},
    summary="Campaigns and their progress",
)
@paginate(LimitOffset)
def campaign_list(request: HttpRequest, lang: Language | None = None):
    """Every published campaign, newest first, with the cities that joined."""
    _language(lang)
    return campaign_rows()


def campaign_rows() -> list[dict]:
    """Return the live campaigns in the active language, as the API shows them."""
    from django.urls import reverse

    locale = active_locale()
    if locale is None:
        return []
    pages = CampaignPage.objects.live().filter(locale=locale)
    return [
        {
            "id": str(progress.campaign.translation_key),
            "slug": progress.campaign.slug,
            "title": progress.campaign.title,
            "target": progress.target,
            "starts_on": progress.campaign.starts_on,
            "ends_on": progress.campaign.ends_on,
            "joined": progress.joined,
            "left_since": progress.left,
            "cities": [member.city.geonameid for member in progress.members],
            "url": site_url(progress.campaign.url or ""),
            "badge_url": site_url(
                reverse("campaigns:badge", args=[progress.campaign.slug])
            ),
        }
        for progress in campaign_progress_list(campaigns=list(pages))
    ]


counts = Router(tags=["endorsements"])


@counts.get(
    "/",
    response={200: list[EndorsementCountOut], **PROBLEMS},
    summary="Verified endorsement counts per city",
)
@paginate(LimitOffset)
def endorsement_counts(request: HttpRequest, lang: Language | None = None):
    """Each city's confirmed endorsements; equal to the public CSV."""
    _language(lang)
    return endorsement_count_rows()


def endorsement_count_rows() -> list[dict]:
    """Return each city's confirmed endorsements, highest first."""
    from digitalrights.endorsements.models import CityTally

    tallies = (
        CityTally.objects.filter(verified__gt=0)
        .select_related("city")
        .order_by("-verified", "city__geonameid")
    )
    return [
        {
            "geonameid": tally.city.geonameid,
            "city": tally.city.name,
            "country_code": tally.city.country_code,
            "verified": tally.verified,
            "url": site_url(tally.city.get_absolute_url()),
        }
        for tally in tallies
    ]


api.add_router("/members/", members)
api.add_router("/cities/", cities)
api.add_router("/campaigns/", campaigns)
api.add_router("/endorsement-counts/", counts)
api.add_router("/initiatives/", initiatives.router)
api.add_router("/resources/", toolkit.router)
api.add_router("/register/", register.router)
api.add_router("/working-groups/", workinggroups.groups)
api.add_router("/meetings/", workinggroups.meetings)
api.add_router("/news/", news.router)
api.add_router("/frameworks/", monitoring.frameworks)
api.add_router("/cycles/", monitoring.cycles)
api.add_router("/assessments/", monitoring.assessments)
api.add_router("/scores/", monitoring.scores)

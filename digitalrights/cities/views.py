from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from digitalrights.core.cache import live_page

from . import selectors
from .forms import CitySearchForm, MemberFilterForm
from .models import City
from .worldmap import HEIGHT, WIDTH, project

MEMBERS_PER_PAGE = 60


def _map_markers(members) -> list[dict]:
    markers = []
    for member in members:
        x, y = project(latitude=member.city.latitude, longitude=member.city.longitude)
        markers.append({"member": member, "x": x, "y": y})
    return markers


@require_safe
def member_directory(request: HttpRequest) -> HttpResponse:
    """List member cities with filters, a map and a table."""
    facets = selectors.member_facets()
    form = MemberFilterForm(request.GET or None, facets=facets)
    status = 200
    filters = {}
    if form.is_bound:
        if form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if v}
        else:
            status = 400
    members = list(selectors.member_list(**filters))
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filtered": bool(filters),
        "members": members,
        "page_obj": page,
        "markers": _map_markers(members),
        "map_width": WIDTH,
        "map_height": HEIGHT,
        "total": selectors.member_count(),
    }
    return render(request, "cities/directory.html", context, status=status)


@require_safe
def city_find(request: HttpRequest) -> HttpResponse:
    """Find any city of the world by any of its names."""
    form = CitySearchForm(request.GET or None)
    results: list[City] = []
    searched = False
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        searched = True
        results = selectors.city_search(form.cleaned_data["q"])
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "cities/find.html",
        {"form": form, "results": results, "searched": searched},
        status=status,
    )


@require_safe
@live_page  # it shows the city's endorsement count
def city_detail(request: HttpRequest, geonameid: int, slug: str) -> HttpResponse:
    """Show a city, member or not: its facts and what it does."""
    city = get_object_or_404(
        City.objects.select_related("membership", "profile").prefetch_related(
            "profile__descriptions"
        ),
        geonameid=geonameid,
    )
    if slug != city.slug:
        return redirect(city, permanent=True)
    member = getattr(city, "membership", None)
    profile = getattr(city, "profile", None)
    from digitalrights.initiatives.selectors import initiatives_published_of_city
    from digitalrights.register.selectors import entries_published_of_city
    from digitalrights.toolkit.selectors import resource_list_published
    from digitalrights.workinggroups.selectors import groups_of_city

    return render(
        request,
        "cities/city_detail.html",
        {
            "city": city,
            "member": member,
            "profile": profile,
            "description": profile.description_for() if profile else None,
            "initiatives": initiatives_published_of_city(city),
            "algorithms": entries_published_of_city(city),
            "working_groups": groups_of_city(city=city, language=get_language()),
            "resources": resource_list_published(city=city, limit=10),
            # The language the secretariat describes resources in.
            "content_language": settings.LANGUAGE_CODE,
        },
    )

"""The public register, an entry's page, and the officials' pages to keep it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from digitalrights.membership.views import _unstash as unstash
from digitalrights.membership.views import keeps_typing, official_view

from . import selectors, services
from .forms import EntryForm, facets_from, initial_from
from .models import AlgorithmEntry


def _removal_links(request: HttpRequest, facets: list[selectors.Facet]) -> list:
    """Return a link per chosen facet value that shows the register without it."""
    links = []
    for facet in facets:
        for value in facet.selected:
            query = request.GET.copy()
            query.setlist(
                facet.key, [v for v in query.getlist(facet.key) if v != value.value]
            )
            query.pop("page", None)
            links.append(
                {"facet": facet.label, "label": value.label, "url": query.urlencode()}
            )
    return links


@require_safe
def register_index(request: HttpRequest) -> HttpResponse:
    """List the published entries of every member city, with the facets."""
    selected, ignored = facets_from(request.GET)
    facets = selectors.register_facets(selected)
    paginator = Paginator(selectors.register_entries(selected), selectors.PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "register/index.html",
        {
            "facets": facets,
            "page_obj": page_obj,
            "entries": page_obj.object_list,
            "query": query.urlencode(),
            "filtered": bool(selected),
            "removals": _removal_links(request, facets),
            "ignored": ignored,
        },
    )


@require_safe
def entry_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Show a published entry; anything else is not found."""
    entry = selectors.entry_published_get(pk=pk)
    if entry is None:
        raise Http404
    if slug != entry.slug:
        return redirect(entry, permanent=True)
    return render(request, "register/detail.html", {"entry": entry})


# The officials' pages -------------------------------------------------------------


def _form_errors(form: EntryForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _saved_message(request: HttpRequest, entry: AlgorithmEntry) -> None:
    if entry.is_published:
        messages.success(
            request,
            _("Saved: “%(title)s” is in your city's public register.")
            % {"title": entry.title},
        )
    else:
        messages.success(
            request,
            _(
                "Your draft is saved. Only your city's officials see it until"
                " you publish it."
            ),
        )


def _restored(request: HttpRequest) -> EntryForm | None:
    restored = unstash(request)
    if restored is None:
        return None
    form = EntryForm(restored)
    form.is_valid()
    messages.info(
        request,
        _(
            "This is what you typed before your session ended. It is not saved"
            " yet: check it and save."
        ),
    )
    return form


@official_view
def entry_list(request: HttpRequest) -> HttpResponse:
    """List the register entries of every member city the official represents."""
    cities = list(selectors.member_cities_of_official(request.user))
    by_city = selectors.entries_for_officials(cities)
    return render(
        request,
        "register/officials/list.html",
        {"cities": [(city, by_city[city.pk]) for city in cities]},
    )


@keeps_typing
@official_view
def entry_create(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Add a system to the register of a member city."""
    city = selectors.city_access_for_register(user=request.user, geonameid=geonameid)
    status = 200
    form = None
    if request.method == "POST":
        form = EntryForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                entry = services.entry_create(
                    user=request.user,
                    geonameid=city.geonameid,
                    data=form.entry_data(),
                    publish="publish" in request.POST,
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                _saved_message(request, entry)
                return redirect("register_officials:edit", pk=entry.pk)
    else:
        form = _restored(request) or EntryForm()
    return render(
        request,
        "register/officials/form.html",
        {"form": form, "city": city, "entry": None},
        status=status,
    )


@keeps_typing
@official_view
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an entry of the city's register, publish it or keep it a draft."""
    entry = selectors.entry_access_for_official(user=request.user, entry_id=pk)
    status = 200
    saved = None  # what a colleague saved meanwhile, shown beside what was typed
    if request.method == "POST":
        form = EntryForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                entry = services.entry_update(
                    user=request.user,
                    entry_id=pk,
                    data=form.entry_data(),
                    expected_version=form.cleaned_data.get("saved_version") or "",
                    publish="publish" in request.POST,
                )
            except services.EntryChanged as error:
                saved = selectors.entry_access_for_official(
                    user=request.user, entry_id=pk
                )
                form.data = form.data.copy()
                form.data["saved_version"] = services.entry_version(saved)
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                _saved_message(request, entry)
                return redirect("register_officials:edit", pk=pk)
    else:
        form = _restored(request) or EntryForm(initial=initial_from(entry))
    return render(
        request,
        "register/officials/form.html",
        {"form": form, "city": entry.city, "entry": entry, "saved": saved},
        status=status,
    )


@official_view
@require_POST
def entry_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish an entry, take it off the site, or delete a draft."""
    entry = selectors.entry_access_for_official(user=request.user, entry_id=pk)
    try:
        if action == "publish":
            services.entry_publish(user=request.user, entry_id=pk)
            messages.success(
                request,
                _("“%(title)s” is in your city's public register.")
                % {"title": entry.title},
            )
        elif action == "withdraw":
            services.entry_withdraw(user=request.user, entry_id=pk)
            messages.success(
                request,
                _("“%(title)s” is off the site: it is a draft again.")
                % {"title": entry.title},
            )
        elif action == "delete":
            services.entry_delete(user=request.user, entry_id=pk)
            messages.success(
                request, _("“%(title)s” is deleted.") % {"title": entry.title}
            )
            return redirect("register_officials:list")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("register_officials:edit", pk=pk)

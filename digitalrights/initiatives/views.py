"""Initiatives: the public page of one, and the officials' pages to keep them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from digitalrights.membership.selectors import cities_represented_by
from digitalrights.membership.views import _unstash as unstash
from digitalrights.membership.views import keeps_typing, official_view

from . import selectors, services
from .forms import InitiativeForm, initial_from
from .models import Initiative


@require_safe
def initiative_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Show a published initiative; anything else is not found."""
    initiative = selectors.initiative_published_get(pk=pk)
    if initiative is None:
        raise Http404
    if slug != initiative.slug:
        return redirect(initiative, permanent=True)
    return render(request, "initiatives/detail.html", {"initiative": initiative})


# The officials' pages -------------------------------------------------------------


def _form_errors(form: InitiativeForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@official_view
def initiative_list(request: HttpRequest) -> HttpResponse:
    """List the initiatives of every member city the official represents."""
    cities = list(selectors.member_cities_of_official(request.user))
    former = list(selectors.former_member_cities_of_official(request.user))
    by_city = selectors.initiatives_for_officials(cities + former)
    others = cities_represented_by(request.user).exclude(
        pk__in=[city.pk for city in cities + former]
    )
    return render(
        request,
        "initiatives/officials/list.html",
        {
            "cities": [(city, by_city[city.pk]) for city in cities],
            "former_members": [(city, by_city[city.pk]) for city in former],
            "not_members": list(others.order_by("name").values_list("name", flat=True)),
        },
    )


def _pictures_kept(request: HttpRequest, form: InitiativeForm) -> None:
    """Keep the pictures chosen in a form that comes back; forget removed ones.

    Browsers forget a chosen file when a form is shown again; the person
    sees "Kept: name" instead, and the next save uses it.
    """
    services.kept_pictures_discard(
        user=request.user, tokens=[token for _index, token in form.discarded]
    )
    form.forget_discarded()
    for index, upload in form.pictures_to_keep():
        try:
            kept = services.kept_picture_create(user=request.user, upload=upload)
        except ValidationError:
            continue  # refused beside its field already
        form.keep(index, kept)


def _submit_after_save(request: HttpRequest, initiative: Initiative) -> None:
    try:
        services.initiative_submit(user=request.user, initiative_id=initiative.pk)
    except ValidationError as error:
        messages.warning(
            request,
            _("Your changes are saved, but it could not be sent: %(reason)s")
            % {"reason": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _(
                "Thank you: “%(title)s” is sent to the secretariat, who will"
                " publish it or write to you."
            )
            % {"title": initiative.title},
        )


@keeps_typing
@official_view
def initiative_create(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Propose a new initiative for a member city."""
    city = selectors.city_access_for_initiatives(user=request.user, geonameid=geonameid)
    status = 200
    restored = unstash(request) if request.method == "GET" else None
    if request.method == "POST":
        form = InitiativeForm(request.POST, request.FILES, user=request.user)
        status = 400
        if form.is_valid():
            try:
                initiative = services.initiative_create(
                    user=request.user,
                    geonameid=city.geonameid,
                    data=form.initiative_data(),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                services.kept_pictures_discard(
                    user=request.user, tokens=[t for _i, t in form.discarded]
                )
                if "submit" in request.POST:
                    _submit_after_save(request, initiative)
                else:
                    messages.success(
                        request,
                        _(
                            "Your draft is saved. Only your city's officials"
                            " see it until you send it to the secretariat."
                        ),
                    )
                return redirect("initiatives_officials:edit", pk=initiative.pk)
        _pictures_kept(request, form)
    elif restored is not None:
        form = InitiativeForm(restored)
        form.is_valid()
        messages.info(
            request,
            _(
                "This is what you typed before your session ended. It is not"
                " saved yet: check it, choose any pictures again, and save."
            ),
        )
    else:
        form = InitiativeForm()
    return render(
        request,
        "initiatives/officials/form.html",
        {"form": form, "city": city, "initiative": None},
        status=status,
    )


@keeps_typing
@official_view
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an initiative, send it to the secretariat, and see its history."""
    initiative = selectors.initiative_page_for_official(
        user=request.user, initiative_id=pk
    )
    # A published one shows the change its officials sent, if one waits.
    change = selectors.initiative_change_get(initiative)
    shown = selectors.change_preview(initiative, change) if change else initiative
    pictures = list(shown.images.all())
    status = 200
    restored = unstash(request) if request.method == "GET" else None
    form = None
    saved = None  # the version saved meanwhile, shown beside what was typed
    if request.method == "POST":
        form = InitiativeForm(
            request.POST, request.FILES, images=pictures, user=request.user
        )
        status = 400
        take_back = "take_back" in request.POST
        if not initiative.is_open_to_officials:
            # The city has left the coalition: keep what was typed, save nothing.
            form.is_valid()
            saved = initiative
            form.add_error(None, services.frozen_error(initiative))
            status = 409
        elif form.is_valid():
            try:
                services.initiative_update(
                    user=request.user,
                    initiative_id=pk,
                    data=form.initiative_data(),
                    expected_version=form.cleaned_data.get("saved_version") or "",
                    take_back=take_back,
                )
            except (services.InitiativeChanged, services.InitiativeFrozen) as error:
                # Someone acted while this person typed: keep what they
                # typed, say what happened and show what is saved now.
                saved = selectors.initiative_page_for_official(
                    user=request.user, initiative_id=pk
                )
                form.data = form.data.copy()
                form.data["saved_version"] = services.initiative_version(saved)
                change = selectors.initiative_change_get(saved)
                if change is not None:
                    saved = selectors.change_preview(saved, change)
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
            else:
                services.kept_pictures_discard(
                    user=request.user, tokens=[t for _i, t in form.discarded]
                )
                if "submit" in request.POST and initiative.is_submittable:
                    _submit_after_save(request, initiative)
                elif initiative.is_published and (
                    selectors.initiative_change_get(initiative) is None
                ):
                    messages.info(
                        request,
                        _("Nothing was sent: it is the same as the published version."),
                    )
                elif initiative.is_published:
                    messages.success(
                        request,
                        _(
                            "Your change is sent to the secretariat. The site shows"
                            " the published version until the secretariat"
                            " publishes your change."
                        ),
                    )
                else:
                    messages.success(request, _("Your draft is saved."))
                return redirect("initiatives_officials:edit", pk=pk)
        elif not initiative.is_editable and not take_back:
            saved = initiative
            form.add_error(None, services.frozen_error(initiative))
            status = 409
        _pictures_kept(request, form)
        if saved is not None:
            initiative = shown = saved
    elif initiative.is_editable:
        if restored is not None:
            form = InitiativeForm(restored, images=pictures)
            form.is_valid()
            messages.info(
                request,
                _(
                    "This is what you typed before your session ended. It is"
                    " not saved yet: check it, choose any pictures again, and"
                    " save."
                ),
            )
        else:
            form = InitiativeForm(initial=initial_from(shown), images=pictures)
    return render(
        request,
        "initiatives/officials/form.html",
        {
            "form": form,
            "city": initiative.city,
            "initiative": initiative,
            "change": change,
            "pictures": pictures,
            "saved": saved,
            "history": selectors.initiative_history(initiative),
        },
        status=status,
    )


@official_view
@require_POST
def initiative_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Send an initiative to the secretariat, take it or a change back, or delete it."""
    initiative = selectors.initiative_access_for_official(
        user=request.user, initiative_id=pk
    )
    try:
        if action == "submit":
            services.initiative_submit(user=request.user, initiative_id=pk)
            messages.success(
                request,
                _(
                    "Thank you: “%(title)s” is sent to the secretariat, who will"
                    " publish it or write to you."
                )
                % {"title": initiative.title},
            )
        elif action == "withdraw":
            services.initiative_withdraw(user=request.user, initiative_id=pk)
            messages.success(
                request, _("It is a draft again: change it, then send it again.")
            )
        elif action == "withdraw-change":
            services.initiative_change_withdraw(user=request.user, initiative_id=pk)
            messages.success(
                request,
                _(
                    "Your change is taken back. The site shows the published"
                    " version, as before."
                ),
            )
        elif action == "delete":
            services.initiative_delete(user=request.user, initiative_id=pk)
            messages.success(
                request,
                _("“%(title)s” is deleted.") % {"title": initiative.title},
            )
            return redirect("initiatives_officials:list")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("initiatives_officials:edit", pk=pk)

"""The officials' pages: their cities, requests to represent one, profiles."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digitalrights.cities.geography import normalise_name
from digitalrights.cities.selectors import cities_named

from . import selectors, services
from .forms import (
    ApplicationForm,
    CityProfileForm,
    CitySearchForm,
    MessageForm,
    ReasonForm,
    RepresentationRequestForm,
)
from .middleware import second_factor_detour

SEARCH_RESULTS = 20


def official_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Require a signed-in person with a second factor; never cache the page.

    Without a second factor, the person is sent to set one up, with a note
    saying why, instead of an error page.
    """

    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        detour = second_factor_detour(
            request,
            _("Set up two-factor authentication before you act for a city."),
        )
        if detour is not None:
            return detour
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show the person's cities, their requests, and how to ask for another."""
    search = CitySearchForm(request.GET or None)
    results = []
    if search.is_valid() and normalise_name(search.cleaned_data["q"]):
        # Each city found has its own request form; ids stay unique per city.
        results = [
            (
                city,
                RepresentationRequestForm(
                    initial={"city": city.geonameid},
                    auto_id=f"id_%s_{city.geonameid}",
                ),
            )
            for city in cities_named(search.cleaned_data["q"]).select_related(
                "membership"
            )[:SEARCH_RESULTS]
        ]
    representations = list(selectors.representations_of(request.user))
    latest = selectors.latest_applications([r.city_id for r in representations])
    for representation in representations:
        representation.application = latest.get(representation.city_id)
    response = render(
        request,
        "membership/dashboard.html",
        {
            "representations": representations,
            "has_second_factor": selectors.has_second_factor(request.user),
            "search": search,
            "results": results,
            "searched": search.is_bound,
        },
    )
    add_never_cache_headers(response)
    return response


@official_view
@require_POST
def representation_request(request: HttpRequest) -> HttpResponse:
    """Ask to represent the chosen city."""
    form = RepresentationRequestForm(request.POST)
    if form.is_valid():
        try:
            representation = services.representation_request(
                user=request.user,
                city=form.cleaned_data["city"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. The secretariat will check your request to"
                    " represent %(city)s and write to you."
                )
                % {"city": representation.city.name},
            )
            return redirect("membership:dashboard")
    city = form.cleaned_data.get("city") if hasattr(form, "cleaned_data") else None
    return render(
        request,
        "membership/request.html",
        {"form": form, "city": city},
        status=400,
    )


@official_view
@require_POST
def representation_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop acting for a city, or withdraw a request."""
    representation = selectors.representations_of(request.user).filter(pk=pk).first()
    if representation is None:
        messages.error(request, _("This request is not yours, or no longer exists."))
        return redirect("membership:dashboard")
    try:
        services.representation_end(representation_id=pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You no longer act for %(city)s.") % {"city": representation.city.name},
        )
    return redirect("membership:dashboard")


@official_view
def profile_edit(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Let a city's officials keep its public profile."""
    city = selectors.city_access_for_official(user=request.user, geonameid=geonameid)
    profile = getattr(city, "profile", None)
    has_logo = bool(profile and profile.logo)
    if request.method == "POST":
        form = CityProfileForm(request.POST, request.FILES, has_logo=has_logo)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.city_profile_update(
                    user=request.user,
                    geonameid=geonameid,
                    website=data["website"],
                    contact_email=data["contact_email"],
                    languages=data["languages"],
                    descriptions=form.descriptions(),
                    logo=data.get("logo") or None,
                    logo_alt=data["logo_alt"],
                    remove_logo=data.get("remove_logo", False),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The profile of %(city)s is saved and shown on its page.")
                    % {"city": city.name},
                )
                return redirect("membership:profile", geonameid=geonameid)
        status = 400
    else:
        initial = {}
        if profile is not None:
            initial = {
                "website": profile.website,
                "contact_email": profile.contact_email,
                "languages": profile.languages,
                "logo_alt": profile.logo_alt,
            }
            for description in profile.descriptions.all():
                initial[f"description_{description.language}"] = description.text
        form = CityProfileForm(initial=initial, has_logo=has_logo)
        status = 200
    return render(
        request,
        "membership/profile_edit.html",
        {"form": form, "city": city, "profile": profile},
        status=status,
    )


# Applications ----------------------------------------------------------------

STASH_KEY = "membership:unsaved"


def keeps_typing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep what was sent if the session ended before the form was saved.

    A POST from a person whose session timed out is kept in their (new,
    anonymous) session, they sign in, and the form comes back as they left
    it, with a note; Django keeps session data across sign-in. Chosen files
    cannot be kept: browsers send them once.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not request.user.is_authenticated:
            data = {
                key: request.POST.getlist(key)
                for key in request.POST
                if key != "csrfmiddlewaretoken"
            }
            request.session[STASH_KEY] = {"path": request.path, "data": data}
            if request.headers.get("X-Autosave"):
                return HttpResponse(status=401)
            messages.info(
                request,
                _(
                    "Your session had ended. Sign in again: what you typed is"
                    " kept and will be shown again, not yet saved."
                ),
            )
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _unstash(request: HttpRequest):
    """Return the data kept for this page when the session ended, once."""
    from django.http import QueryDict

    stash = request.session.get(STASH_KEY)
    if not stash or stash.get("path") != request.path:
        return None
    del request.session[STASH_KEY]
    data = QueryDict(mutable=True)
    for key, values in stash["data"].items():
        data.setlist(key, values)
    return data


@official_view
@require_POST
def application_start(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Open (or reopen) the city's draft application."""
    try:
        application = services.application_start(user=request.user, geonameid=geonameid)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("membership:dashboard")
    return redirect("membership:application", pk=application.pk)


def _application_form(application, data=None, files=None):
    from .models import ApplicationDocument

    actions = list(selectors.checklist_actions().values())
    documents = list(
        ApplicationDocument.objects.filter(application=application).select_related(
            "answer"
        )
    )
    initial = {
        "saved_version": services.application_version(application),
        "commitment": application.commitment,
        "signatory_name": application.signatory_name,
        "signatory_role": application.signatory_role,
        "contacts": application.contacts,
    }
    for answer in application.answers.all():
        initial[f"status_{answer.action_key}"] = answer.status
        initial[f"note_{answer.action_key}"] = answer.note
        initial[f"links_{answer.action_key}"] = "\n".join(answer.evidence_links)
    return ApplicationForm(
        data, files, initial=initial, actions=actions, documents=documents
    )


def _save_application(request: HttpRequest, application, form) -> None:
    """Save text, documents and removals together, or nothing at all."""
    from django.db import transaction

    from .models import DocumentKind

    with transaction.atomic():
        services.application_save(
            user=request.user,
            application_id=application.pk,
            data=form.application_data(),
            expected_version=form.cleaned_data.get("saved_version") or "",
        )
        for document_id in form.cleaned_data.get("remove_documents") or []:
            services.application_document_remove(
                user=request.user, document_id=document_id
            )
        for action_key, upload in form.uploads():
            services.application_document_add(
                user=request.user,
                application_id=application.pk,
                upload=upload,
                kind=DocumentKind.EVIDENCE
                if action_key
                else DocumentKind.SIGNED_DECLARATION,
                action_key=action_key,
            )


@keeps_typing
@official_view
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an application with its timeline; edit and submit it as a draft."""
    application = selectors.application_access_for_official(
        user=request.user, application_id=pk
    )
    status = 200
    restored = _unstash(request) if request.method == "GET" else None
    if request.method == "POST":
        if not application.is_editable:
            messages.error(
                request,
                _(
                    "This application was submitted and can no longer change."
                    " Make a new version to change it."
                ),
            )
            return redirect("membership:application", pk=pk)
        form = _application_form(application, request.POST, request.FILES)
        if form.is_valid():
            try:
                _save_application(request, application, form)
            except services.DraftChanged as error:
                if request.headers.get("X-Autosave"):
                    return HttpResponse(status=409)
                # Keep what was typed; a second Save, now a choice, wins.
                application.refresh_from_db()
                data = request.POST.copy()
                data["saved_version"] = services.application_version(application)
                form = _application_form(application, data)
                form.is_valid()
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                _form_errors(form, error)
                status = 400
            else:
                if request.headers.get("X-Autosave"):
                    application.refresh_from_db()
                    saved = HttpResponse(status=204)
                    saved["X-Saved-Version"] = services.application_version(application)
                    return saved
                if "submit" not in request.POST:
                    messages.success(request, _("Your draft is saved."))
                    return redirect("membership:application", pk=pk)
                try:
                    services.application_submit(user=request.user, application_id=pk)
                except ValidationError:
                    # application_missing() lists what is missing on the page.
                    messages.warning(
                        request,
                        _("Your draft is saved, but it cannot be submitted yet."),
                    )
                    application.refresh_from_db()
                    form = _application_form(application)
                    status = 400
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you: the application is submitted. The"
                            " secretariat will review it and write to you."
                        ),
                    )
                    return redirect("membership:application", pk=pk)
        else:
            status = 400
    elif restored is not None:
        form = _application_form(application, restored)
        form.is_valid()
        messages.info(
            request,
            _(
                "This is what you typed before your session ended. It is not"
                " saved yet: check it, choose any files again, and save."
            ),
        )
    else:
        form = _application_form(application)
    return render(
        request,
        "membership/application.html",
        {
            "application": application,
            "city": application.city,
            "form": form,
            "answers": application.answers.prefetch_related("documents"),
            "declarations": application.documents.filter(kind="declaration"),
            "missing": services.application_missing(application)
            if application.is_editable
            else [],
            "timeline": selectors.application_timeline(application),
            "reply_form": MessageForm(),
            "withdraw_form": ReasonForm(),
            "versions": selectors.applications_of_city(application.city),
        },
        status=status,
    )


@official_view
@require_POST
def application_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Withdraw, make a new version of, or answer about an application."""
    try:
        if action == "withdraw":
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.application_withdraw(
                user=request.user, application_id=pk, reason=reason
            )
            messages.success(request, _("The application is withdrawn."))
        elif action == "new-version":
            new = services.application_new_version(user=request.user, application_id=pk)
            messages.success(
                request,
                _("Version %(version)s is a draft you can change.")
                % {"version": new.version},
            )
            return redirect("membership:application", pk=new.pk)
        elif action == "reply":
            form = MessageForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Write your answer."))
            services.application_reply(
                user=request.user,
                application_id=pk,
                message=form.cleaned_data["message"],
            )
            messages.success(request, _("Your answer is sent to the secretariat."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("membership:application", pk=pk)


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a document to someone allowed to read it, never run in the page."""
    from django.http import FileResponse

    document = selectors.document_access(
        user=request.user,
        document_id=pk,
        proved=selectors.session_proved_second_factor(request),
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if document.application.status != "approved":
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
    return response


@official_view
def member_leave(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Let a member city leave the coalition, after a confirmation."""
    city = selectors.city_access_for_official(user=request.user, geonameid=geonameid)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(
                by=request.user,
                geonameid=geonameid,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(city)s has left the coalition. Its history stays on its page.")
                % {"city": city.name},
            )
        return redirect("membership:dashboard")
    return render(request, "membership/leave.html", {"city": city, "form": form})

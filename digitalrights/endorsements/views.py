from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from digitalrights.cities.models import City
from digitalrights.core import local

from . import altcha, services
from .forms import EndorsementForm
from .selectors import city_endorsements


def client_ip(request: HttpRequest) -> str:
    """Return the visitor's address, as the trusted proxy saw it."""
    if settings.TRUSTED_PROXY_FORWARDS:
        forwarded = request.headers.get("X-Forwarded-For", "")
        # The proxy appends the address it saw; what comes before is the
        # client's own claim, which anyone can forge.
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _city(geonameid: int) -> City:
    return get_object_or_404(
        City.objects.select_related("membership"), geonameid=geonameid
    )


# A crowd signing for one city asks for it a thousand times a second: each
# process keeps it for a minute (a new name or membership shows on the form
# a minute late at most; the signature only needs the city's id).
_city_for_signing = local.memo(seconds=60, maxsize=2048)(_city)


# Residents have no account and no session here, so there is nothing for a
# forged request to borrow; each endorsement is confirmed by email anyway.
# Without CSRF tokens the form can sit on cached city pages.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endorse(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Show the endorsement form for a city, and take what is sent."""
    status = 200
    if request.method == "POST":
        city = _city_for_signing(geonameid)
        form = EndorsementForm(request.POST)
        status = _take_endorsement(request, city, form)
        if status is None:
            return redirect("endorsements:sent", geonameid=geonameid)
    else:
        city = _city(geonameid)
        form = EndorsementForm()
    response = render(
        request,
        "endorsements/endorse.html",
        {
            "city": city,
            "form": form,
            "endorsements": city_endorsements(city),
        },
        status=status,
    )
    if request.method == "POST":
        add_never_cache_headers(response)
    return response


def _take_endorsement(
    request: HttpRequest, city: City, form: EndorsementForm
) -> int | None:
    """Sign with what the form carries: None when signed, else the error status.

    Without JavaScript there is no proof of work: that is allowed, under the
    stricter hourly limit; the emailed link is the check that counts.
    """
    if not form.is_valid():
        return 400
    verdict = altcha.proof_check(request.POST.get(altcha.FIELD_NAME, ""))
    if verdict.proof in _PROOF_REFUSED:
        form.add_error(None, _proof_message(verdict.proof))
        return 400
    try:
        services.endorsement_sign(
            city=city,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            wants_news=form.cleaned_data["wants_news"],
            language=get_language(),
            ip=client_ip(request),
            proof_of_work=verdict.proof is altcha.Proof.SOLVED,
            proof_once=verdict.once,
        )
    except services.ProofReplayed:
        form.add_error(None, _proof_message(altcha.Proof.REPLAYED))
        return 400
    except services.RateLimited as limited:
        form.add_error(None, _rate_limit_message(limited.scope))
        return 429
    return None


_PROOF_REFUSED = {altcha.Proof.FORGED, altcha.Proof.EXPIRED}


def _proof_message(proof: altcha.Proof) -> str:
    from django.utils.translation import gettext as _

    if proof is altcha.Proof.EXPIRED:
        return _(
            "The automatic check your browser made has expired, because the "
            "page was open a long time. Please send the form again; nothing "
            "you typed was lost."
        )
    if proof is altcha.Proof.REPLAYED:
        return _(
            "This form was already sent. If you pressed the button twice, "
            "look for our email; otherwise, please send the form again."
        )
    return _(
        "We could not confirm the automatic check your browser made. Please "
        "send the form again; nothing you typed was lost."
    )


def _rate_limit_message(scope: str) -> str:
    from django.utils.translation import gettext as _

    if scope == "address":
        return _(
            "This email address has endorsed many cities in the last hour. "
            "Please try again in an hour; nothing you typed was saved."
        )
    return _(
        "Many endorsements came from your network in the last hour, so we "
        "paused it to keep the counts honest. Please try again in an hour; "
        "nothing you typed was saved."
    )


@require_safe
def challenge(request: HttpRequest) -> JsonResponse:
    """Give the endorsement form's widget a new proof-of-work challenge."""
    response = JsonResponse(altcha.challenge_create())
    # Each challenge is accepted once: never from a cache, ours or another.
    add_never_cache_headers(response)
    return response


@require_safe
def sent(request: HttpRequest, geonameid: int) -> HttpResponse:
    """Tell the person to look for the confirmation email."""
    city = _city(geonameid)
    return render(
        request,
        "endorsements/sent.html",
        {"city": city, "days": services.PENDING_DAYS},
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm an endorsement, but only when the person presses the button.

    Mail scanners open links to look at them; a GET only shows the button.
    """
    if request.method == "POST":
        result, endorsement = services.endorsement_confirm(token=token)
    else:
        result, endorsement = services.confirmation_state(token)
    outcome = result.name.lower() if result else "ask"
    status = 400 if result == services.Confirmation.INVALID else 200
    response = render(
        request,
        "endorsements/confirm.html",
        {"outcome": outcome, "endorsement": endorsement, "token": token},
        status=status,
    )
    add_never_cache_headers(response)
    return response

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from digitalrights.endorsements.services import PENDING_DAYS

from . import services
from .forms import DataRequestForm


# Like the endorsement form: no account, no session to protect, and the
# request is only carried out from the emailed link.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def privacy(request: HttpRequest) -> HttpResponse:
    """Say what the platform keeps, and let a person ask for it or its erasure."""
    status = 200
    if request.method == "POST":
        form = DataRequestForm(request.POST)
        if form.is_valid():
            try:
                services.data_request(
                    email=form.cleaned_data["email"],
                    action=services.Action(form.cleaned_data["action"]),
                    language=get_language(),
                )
            except services.TooManyRequests:
                form.add_error(
                    None,
                    _(
                        "You have asked several times in the last hour. Please "
                        "look for our emails, or try again in an hour."
                    ),
                )
                status = 429
            else:
                return redirect(reverse("privacy:sent"))
        else:
            status = 400
    else:
        form = DataRequestForm()
    return render(
        request,
        "privacy/privacy.html",
        {"form": form, "days": PENDING_DAYS, "hours": services.LINK_HOURS},
        status=status,
    )


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    """Tell the person a link is on its way."""
    return render(request, "privacy/sent.html", {"hours": services.LINK_HOURS})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """Carry out the request, only when the person presses the button."""
    found = services.data_request_for_token(token)
    context: dict = {"token": token, "outcome": "invalid"}
    status = 400
    if found is not None:
        hashes, action = found
        context.update(action=str(action), outcome="ask")
        status = 200
        if request.method == "POST" and action == services.Action.COPY:
            copy = services.data_copy(hashes)
            if request.POST.get("format") == "json":
                response = HttpResponse(
                    json.dumps(copy, indent=2, ensure_ascii=False),
                    content_type="application/json; charset=utf-8",
                )
                response["Content-Disposition"] = (
                    'attachment; filename="my-data-cities-for-digital-rights.json"'
                )
                add_never_cache_headers(response)
                return response
            context.update(outcome="copy", copy=copy)
        elif request.method == "POST" and action == services.Action.ERASE:
            context.update(outcome="erased", erased=services.data_erase(hashes))
    response = render(request, "privacy/open.html", context, status=status)
    add_never_cache_headers(response)
    return response

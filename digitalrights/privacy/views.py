from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
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
    if found is None:
        return _open_page(request, {"outcome": "invalid"}, status=400)
    hashes, action = found
    context = {"token": token, "action": str(action), "outcome": "ask"}
    if request.method == "POST" and action == services.Action.ERASE:
        context.update(outcome="erased", erased=services.data_erase(hashes))
    elif request.method == "POST" and action == services.Action.STOP_NEWS:
        services.data_stop_news(hashes)
        context.update(outcome="news_stopped", days=PENDING_DAYS)
    elif request.method == "POST":
        copy = services.data_copy(hashes)
        if request.POST.get("format") == "json":
            return _json_download(copy)
        context.update(outcome="copy", copy=copy)
    return _open_page(request, context)


def _open_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, "privacy/open.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _json_download(copy: dict) -> HttpResponse:
    response = JsonResponse(
        copy, json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = (
        'attachment; filename="my-data-cities-for-digital-rights.json"'
    )
    add_never_cache_headers(response)
    return response

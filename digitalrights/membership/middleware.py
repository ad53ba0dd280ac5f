"""The secretariat's second factor, asked for at the admin's door."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import has_second_factor, session_proved_second_factor

OPEN_ADMIN_PATHS = ("/admin/logout/",)


class AdminSecondFactorMiddleware:
    """Keep staff out of the admin until this session used a second factor.

    On when ``ADMIN_REQUIRE_SECOND_FACTOR`` is (by default in production):
    the admin changes every city's data.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.ADMIN_REQUIRE_SECOND_FACTOR
            and request.path.startswith("/admin/")
            and not request.path.startswith(OPEN_ADMIN_PATHS)
            and request.user.is_authenticated
        ):
            detour = second_factor_detour(
                request,
                _("Set up two-factor authentication before you use the admin."),
            )
            if detour is not None:
                return detour
        return self.get_response(request)


def second_factor_detour(request: HttpRequest, missing: str) -> HttpResponse | None:
    """Return where a session that has not used a second factor must go.

    None when it has: go on. A person without a factor sets one up (told
    ``missing``); one with a factor confirms it, then comes back. The
    officials' pages (views.official_view) and the admin both ask here.
    """
    if session_proved_second_factor(request):
        return None
    if not has_second_factor(request.user):
        messages.warning(request, missing)
        return redirect("mfa_index")
    messages.warning(request, _("Confirm it is you with your second factor to go on."))
    return redirect_to_login(
        request.get_full_path(), login_url=reverse("mfa_reauthenticate")
    )

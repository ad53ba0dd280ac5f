"""The secretariat's one act on the register besides editing: unpublishing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import services
from .models import AlgorithmEntry

LISTING = "wagtailsnippets_register_algorithmentry:list"


@permission_required(services.MODERATE_PERMISSION, raise_exception=True)
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then take a published entry off the site, back to its city's drafts."""
    entry = get_object_or_404(AlgorithmEntry.objects.select_related("city"), pk=pk)
    if request.method == "POST":
        try:
            services.entry_unpublish(user=request.user, entry_id=pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” is off the site: a draft of %(city)s again.")
                % {"title": entry.title, "city": entry.city.name},
            )
        return redirect(LISTING)
    return render(request, "register/admin/unpublish.html", {"entry": entry})

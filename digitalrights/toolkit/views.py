from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def resource_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """Show a published resource: what it is, where it comes from, the download."""
    resource = selectors.resource_get_published(pk=pk)
    if request.path != resource.get_absolute_url():
        # A wrong or old slug, or the id written differently (0042).
        return redirect(resource, permanent=True)
    return render(
        request,
        "toolkit/resource_detail.html",
        {
            "resource": resource,
            "working_groups": selectors.resource_working_groups(resource=resource),
            "content_language": settings.LANGUAGE_CODE,
        },
    )

"""System checks: the files of unpublished resources must pass through Wagtail.

Unpublished resources' files are hidden by a ``before_serve_document`` hook,
which runs only when Wagtail's serve view sends the file itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register


def _serve_method() -> str:
    """Return the serve method Wagtail will use for documents."""
    method = getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None)
    if method is not None:
        return method
    from wagtail.documents import get_document_model

    storage = get_document_model()._meta.get_field("file").storage
    try:
        storage.path("check")
    except NotImplementedError:
        # Wagtail redirects to storages that have no local path.
        return "redirect"
    return "serve_view"


@register()
def documents_served_through_wagtail(app_configs, **kwargs) -> list:
    method = _serve_method()
    if method == "direct":
        return [
            Error(
                "WAGTAILDOCS_SERVE_METHOD is 'direct': document links go straight"
                " to the storage, so the files of unpublished toolkit resources"
                " are public.",
                hint="Use 'serve_view' (the default for files on disk).",
                id="toolkit.E001",
            )
        ]
    if method == "redirect":
        return [
            Warning(
                "Documents are served by a redirect to their storage address:"
                " the file of an unpublished toolkit resource stays readable at"
                " that address by anyone who has it.",
                hint="Use WAGTAILDOCS_SERVE_METHOD = 'serve_view', or a storage"
                " whose addresses are signed and expire soon.",
                id="toolkit.W001",
            )
        ]
    return []

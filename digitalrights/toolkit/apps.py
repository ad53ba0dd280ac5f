from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _filing_changed(sender, action: str, **kwargs) -> None:
    """Retire cached pages when a resource's principles or topics change.

    Saving a resource clears the page cache before its form writes these
    many-to-many rows, which send no save signal of their own.
    """
    from digitalrights.core.cache import page_cache_clear

    if action.startswith("post_"):
        page_cache_clear()


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digitalrights.toolkit"
    verbose_name = _("Toolkit")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed

        from . import checks  # noqa: F401 (registers the system checks)
        from .models import Resource

        for field in ("principles", "topics"):
            m2m_changed.connect(
                _filing_changed,
                sender=getattr(Resource, field).through,
                dispatch_uid=f"toolkit-resource-{field}",
            )

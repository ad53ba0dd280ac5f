from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "digitalrights.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import cache

        cache.connect_invalidation()

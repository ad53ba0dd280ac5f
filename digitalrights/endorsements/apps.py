from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _forget_limits(**kwargs) -> None:
    from django.core.cache import cache

    from .services import LIMITS_KEY, MILESTONES_KEY

    cache.delete_many([LIMITS_KEY, MILESTONES_KEY])


class EndorsementsConfig(AppConfig):
    name = "digitalrights.endorsements"
    label = "endorsements"
    verbose_name = _("Endorse my city")

    def ready(self) -> None:
        # New limits apply at once, not when the cached ones expire.
        post_save.connect(
            _forget_limits,
            sender="endorsements.EndorsementSettings",
            dispatch_uid="endorsements-forget-limits",
        )

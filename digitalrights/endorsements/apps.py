from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _forget_rules(**kwargs) -> None:
    from django.core.cache import cache

    from .selectors import RULES_KEY

    cache.delete(RULES_KEY)


class EndorsementsConfig(AppConfig):
    name = "digitalrights.endorsements"
    label = "endorsements"
    verbose_name = _("Endorse my city")

    def ready(self) -> None:
        # New rules apply at once, not when the cached ones expire.
        post_save.connect(
            _forget_rules,
            sender="endorsements.EndorsementSettings",
            dispatch_uid="endorsements-forget-rules",
        )

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _forget_rules(**kwargs) -> None:
    from django.core.cache import cache

    from .selectors import RULES_KEY, endorsement_rules

    cache.delete(RULES_KEY)
    endorsement_rules.cache_clear()


class EndorsementsConfig(AppConfig):
    name = "digitalrights.endorsements"
    label = "endorsements"
    verbose_name = _("Endorse my city")

    def ready(self) -> None:
        from digitalrights.core import cache, scheduler

        from . import tasks

        # Counts are shown by live_page views; a spike of signatures must not
        # empty the page cache.
        cache.ignore_model("endorsements.endorsement")
        cache.ignore_model("endorsements.citytally")
        # Catches any confirmation email whose own task was lost.
        scheduler.register(tasks.send_confirmations, scheduler.MINUTE)
        scheduler.register(tasks.expire_pending, scheduler.HOUR)
        scheduler.register(tasks.recount, scheduler.DAY)
        # New rules apply at once, not when the cached ones expire.
        post_save.connect(
            _forget_rules,
            sender="endorsements.EndorsementSettings",
            dispatch_uid="endorsements-forget-rules",
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digitalrights.membership"
    verbose_name = _("Membership")

    def ready(self) -> None:
        from digitalrights.core import cache, scheduler

        from . import tasks

        scheduler.register(tasks.delete_unverified_accounts, scheduler.DAY)

        # Accounts and who represents which city appear on no public page.
        for label in (
            "membership.representation",
            "account.emailaddress",
            "account.emailconfirmation",
            "mfa.authenticator",
        ):
            cache.ignore_model(label)

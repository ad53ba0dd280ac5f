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
        scheduler.register(tasks.resend_notifications, 10 * scheduler.MINUTE)
        from allauth.mfa.signals import authenticator_added

        authenticator_added.connect(
            _record_new_factor, dispatch_uid="membership-new-factor"
        )

        # Accounts and who represents which city appear on no public page.
        for label in (
            "membership.representation",
            "account.emailaddress",
            "account.emailconfirmation",
            "mfa.authenticator",
        ):
            cache.ignore_model(label)


def _record_new_factor(sender, request, user, authenticator, **kwargs) -> None:
    """Count setting up a factor as using it: it took a valid code or passkey.

    Otherwise a person who just turned on two-factor authentication would
    have to sign in again before acting for their city.
    """
    from allauth.account.internal.flows.login import record_authentication

    if request is not None:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type
        )

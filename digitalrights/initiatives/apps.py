from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digitalrights.initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from digitalrights.core import cache, scheduler

        from . import tasks

        scheduler.register(tasks.resend_initiative_notifications, 10 * scheduler.MINUTE)
        scheduler.register(tasks.expire_kept_pictures, scheduler.HOUR)
        scheduler.register(tasks.send_initiative_digests, 10 * scheduler.MINUTE)
        scheduler.register(tasks.apply_initiative_retention, scheduler.DAY)
        # The history is shown to officials and staff only, never cached.
        cache.ignore_model("initiatives.initiativeevent")
        # A picture kept for a form that came back is private to its sender.
        cache.ignore_model("initiatives.keptpicture")
        # A change waiting for moderation is not shown until it is published.
        cache.ignore_model("initiatives.initiativechange")
        cache.ignore_model("initiatives.initiativechangeimage")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digitalrights.monitoring"
    label = "monitoring"
    verbose_name = _("Progress monitoring")

    def ready(self) -> None:
        from digitalrights.core import cache, scheduler

        from . import tasks

        # Emails a failed send left due go out again; comments held back by
        # the hourly digest go out when it is due.
        scheduler.register(tasks.resend_assessment_notifications, 10 * scheduler.MINUTE)
        scheduler.register(tasks.send_comments_digests, 10 * scheduler.MINUTE)

        # Drafts, reviews and their history are for the city, its reviewers
        # and the secretariat only; saving them changes no public page.
        for model in (
            "answer",
            "evidencelink",
            "principlereview",
            "reviewcomment",
            "assessmentevent",
            "reviewer",
        ):
            cache.ignore_model(f"monitoring.{model}")

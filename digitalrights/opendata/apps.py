from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digitalrights.opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from digitalrights.core import scheduler

        from . import tasks

        # The bulk files, written again every night.
        scheduler.register(tasks.write_dumps, scheduler.DAY)

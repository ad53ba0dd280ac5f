"""What the secretariat may change about the open data: its licence."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@dataclass(frozen=True)
class Licence:
    """An open licence, by its SPDX identifier."""

    spdx: str
    title: str
    url: str


LICENCES = {
    licence.spdx: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence(
            "CC0-1.0",
            "Creative Commons Zero v1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        Licence(
            "ODbL-1.0",
            "Open Data Commons Open Database License v1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
    )
}
DEFAULT_LICENCE = "CC-BY-4.0"


@register_setting(icon="download")
class OpenDataSettings(BaseGenericSetting):
    """The terms under which anyone may reuse the coalition's data."""

    licence = models.CharField(
        _("licence of the open data"),
        max_length=20,
        choices=[(spdx, licence.title) for spdx, licence in LICENCES.items()],
        default=DEFAULT_LICENCE,
        help_text=_(
            "Shown on the open data pages, in the data packages and in the"
            " catalogue that data portals harvest. Applies to the next nightly"
            " export."
        ),
    )

    panels = [FieldPanel("licence")]

    class Meta:
        verbose_name = _("open data settings")


def current_licence() -> Licence:
    """Return the licence the secretariat chose, CC BY 4.0 by default."""
    chosen = OpenDataSettings.load().licence
    return LICENCES.get(chosen, LICENCES[DEFAULT_LICENCE])

"""The five principles of the declaration, as the interface names them.

The principle pages (content.PrinciplePage) hold their full text; data that
is filed under a principle (checklist actions, initiatives, indicators)
refers to it by number.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.IntegerChoices):
    ACCESS = 1, _("Universal and equal access to the internet, and digital literacy")
    PRIVACY = 2, _("Privacy, data protection and security")
    TRANSPARENCY = (
        3,
        _(
            "Transparency, accountability, and non-discrimination of data,"
            " content and algorithms"
        ),
    )
    PARTICIPATION = 4, _("Participatory democracy, diversity and inclusion")
    STANDARDS = 5, _("Open and ethical digital service standards")

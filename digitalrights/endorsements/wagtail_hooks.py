from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CityResponse


class CityResponseViewSet(SnippetViewSet):
    """The answers cities give to their residents' endorsements."""

    model = CityResponse
    icon = "openquote"
    menu_label = _("City responses")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["city", "responded_on", "published"]
    list_filter = ["published"]
    search_fields = ["city__name"]
    search_backend_name = None
    panels = [
        FieldPanel("city"),
        FieldPanel("responded_on"),
        FieldPanel("response"),
        FieldPanel("published"),
    ]


register_snippet(CityResponseViewSet)

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import CityContact, CityResponse


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


class CityContactViewSet(SnippetViewSet):
    """Who at each city hears of its endorsement milestones."""

    model = CityContact
    icon = "mail"
    menu_label = _("City contacts")
    add_to_admin_menu = True
    menu_order = 211
    list_display = ["city", "name", "email"]
    search_fields = ["city__name", "name"]
    search_backend_name = None
    panels = [FieldPanel("city"), FieldPanel("name"), FieldPanel("email")]


register_snippet(CityResponseViewSet)
register_snippet(CityContactViewSet)


@hooks.register("register_admin_urls")
def integrity_urls():
    return [
        path(
            "endorsements/integrity/",
            admin_views.integrity,
            name="endorsement_integrity",
        )
    ]


class IntegrityMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("endorsements.add_invalidation")


@hooks.register("register_admin_menu_item")
def integrity_menu_item():
    return IntegrityMenuItem(
        _("Endorsement integrity"),
        reverse("endorsement_integrity"),
        icon_name="warning",
        order=209,
    )

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views


@hooks.register("register_admin_urls")
def initiatives_urls():
    return [
        path(
            "initiatives/",
            admin_views.moderation_queue,
            name="initiatives_queue",
        ),
        path(
            "initiatives/<int:pk>/",
            admin_views.moderate,
            name="initiatives_moderate",
        ),
    ]


class InitiativesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("initiatives.view_initiative")


@hooks.register("register_admin_menu_item")
def initiatives_menu_item():
    return InitiativesMenuItem(
        _("Initiatives"),
        reverse("initiatives_queue"),
        icon_name="doc-full",
        order=206,
    )


class WaitingPanel(Component):
    """The admin's home page: how many initiatives wait for moderation."""

    name = "initiatives_waiting"
    order = 55
    template_name = "initiatives/admin/waiting_panel.html"

    def get_context_data(self, parent_context=None):
        from .selectors import moderation_waiting_count

        context = super().get_context_data(parent_context)
        context["waiting"] = moderation_waiting_count()
        return context


@hooks.register("construct_homepage_panels")
def waiting_panel(request, panels) -> None:
    if request.user.has_perm("initiatives.view_initiative"):
        panels.append(WaitingPanel())

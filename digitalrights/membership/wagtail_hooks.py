from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views


@hooks.register("register_admin_urls")
def membership_urls():
    return [
        path(
            "membership/representations/",
            admin_views.representations,
            name="membership_representations",
        ),
        path(
            "membership/applications/",
            admin_views.application_queue,
            name="membership_applications",
        ),
        path(
            "membership/applications/<int:pk>/",
            admin_views.application_review,
            name="membership_application_review",
        ),
        path(
            "membership/representations/<int:pk>/decide/",
            admin_views.representation_decide,
            name="membership_representation_decide",
        ),
    ]


class RepresentationsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("membership.change_representation")


@hooks.register("register_admin_menu_item")
def representations_menu_item():
    return RepresentationsMenuItem(
        _("City officials"),
        reverse("membership_representations"),
        icon_name="user",
        order=205,
    )


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("membership.view_application")


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return ApplicationsMenuItem(
        _("Applications"),
        reverse("membership_applications"),
        icon_name="form",
        order=204,
    )


class WaitingPanel(Component):
    """The admin's home page: what is waiting for the secretariat."""

    name = "membership_waiting"
    order = 50
    template_name = "membership/admin/waiting_panel.html"

    def get_context_data(self, parent_context=None):
        from .models import WAITING_FOR_SECRETARIAT, Application
        from .selectors import representations_waiting

        context = super().get_context_data(parent_context)
        context["requests"] = representations_waiting().count()
        context["applications"] = Application.objects.filter(
            status__in=WAITING_FOR_SECRETARIAT
        ).count()
        return context


@hooks.register("construct_homepage_panels")
def waiting_panel(request, panels) -> None:
    if request.user.has_perm("membership.view_application"):
        panels.append(WaitingPanel())

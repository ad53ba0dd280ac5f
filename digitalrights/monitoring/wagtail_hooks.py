"""The secretariat's admin for monitoring: the framework, cycles, reviewers
and the assessments cities send.

Every change of state goes through ``services``: opening a cycle freezes
its framework version, and a frozen version is only shown, never edited.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views, services
from .models import Cycle, FrameworkVersion, Reviewer, frozen_message
from .selectors import SECRETARIAT_VIEW_PERMISSION


class FrameworkPermissionPolicy(ModelPermissionPolicy):
    """A frozen framework version is used by a cycle: nobody changes it."""

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if action in {"change", "delete"} and instance.is_frozen:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class CyclePermissionPolicy(ModelPermissionPolicy):
    """Cycles are closed, never deleted: their assessments refer to them."""

    def user_has_permission(self, user, action: str) -> bool:
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(
    FrameworkVersion, FrameworkPermissionPolicy(FrameworkVersion)
)
register_permission_policy(Cycle, CyclePermissionPolicy(Cycle))


class FrozenGuard:
    """Send the editor of a frozen version to its read-only page."""

    def dispatch(self, request, *args, **kwargs):
        version = FrameworkVersion.objects.filter(pk=kwargs.get("pk")).first()
        if version is not None and version.is_frozen:
            messages.warning(request, frozen_message())
            return redirect("monitoring_framework_version", pk=version.pk)
        return super().dispatch(request, *args, **kwargs)


class FrameworkVersionEditView(FrozenGuard, EditView):
    pass


class FrameworkVersionDeleteView(FrozenGuard, DeleteView):
    pass


class FrameworkVersionViewSet(SnippetViewSet):
    model = FrameworkVersion
    icon = "list-ol"
    menu_label = _("Indicator framework")
    list_display = [
        Column("label", label=_("Version"), accessor="label"),
        BooleanColumn("is_frozen", label=_("Frozen, used by a cycle")),
        "created_at",
    ]
    list_filter = []
    ordering = ["-created_at"]
    edit_view_class = FrameworkVersionEditView
    # A new version is made with services.framework_version_copy, which maps
    # each indicator to the one it copies.
    copy_view_enabled = False
    delete_view_class = FrameworkVersionDeleteView


class ServiceErrorsMixin:
    """Show a service's refusal on the form, as a validation error would be."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CycleCreateView(ServiceErrorsMixin, CreateView):
    """Open a cycle through ``services.cycle_open``, which freezes its version."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.cycle_open(
            by=self.request.user,
            year=data["year"],
            framework_version_id=data["framework_version"].pk,
            opens_at=data["opens_at"],
            deadline=data["deadline"],
        )


class CycleEditView(ServiceErrorsMixin, EditView):
    """Move a cycle's dates, or close it, through ``services.cycle_update``.

    Its year and framework version stay as the cycle was opened.
    """

    def get_form_class(self):
        return self.panel.get_form_class()

    def get_panel(self):
        return ObjectList(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
                FieldPanel("state"),
            ]
        ).bind_to_model(Cycle)

    def save_instance(self):
        data = self.form.cleaned_data
        return services.cycle_update(
            by=self.request.user,
            cycle_id=self.object.pk,
            opens_at=data["opens_at"],
            deadline=data["deadline"],
            state=data["state"],
        )


class CycleViewSet(SnippetViewSet):
    model = Cycle
    icon = "date"
    menu_label = _("Cycles")
    list_display = ["year", "framework_version", "opens_at", "deadline", "state"]
    list_filter = ["state"]
    ordering = ["-year"]
    add_view_class = CycleCreateView
    copy_view_enabled = False
    edit_view_class = CycleEditView
    panels = [
        FieldPanel("year"),
        FieldPanel("framework_version"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
    ]


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = _("Reviewers")
    list_display = ["user", "working_group", "added_at"]
    ordering = ["working_group__title"]


class AssessmentsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(SECRETARIAT_VIEW_PERMISSION)


class AssessmentsViewSet(ViewSet):
    """The assessments cities sent, and one page each with its decisions."""

    name = "monitoring_assessments"
    icon = "tasks"
    menu_label = _("Assessments")
    menu_item_class = AssessmentsMenuItem

    @property
    def menu_url(self) -> str:
        return reverse("monitoring_assessments")

    def get_urlpatterns(self):
        return []


class MonitoringGroup(SnippetViewSetGroup):
    items = (
        AssessmentsViewSet,
        FrameworkVersionViewSet,
        CycleViewSet,
        ReviewerViewSet,
    )
    menu_icon = "tasks"
    menu_label = _("Monitoring")
    menu_name = "monitoring"
    menu_order = 207


register_snippet(MonitoringGroup)


@hooks.register("register_admin_urls")
def monitoring_urls():
    return [
        path(
            "monitoring/assessments/",
            admin_views.assessment_list,
            name="monitoring_assessments",
        ),
        path(
            "monitoring/assessments/<int:pk>/",
            admin_views.assessment_detail,
            name="monitoring_assessment",
        ),
        path(
            "monitoring/framework/<int:pk>/",
            admin_views.framework_version_detail,
            name="monitoring_framework_version",
        ),
    ]

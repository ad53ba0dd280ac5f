"""The secretariat's view of every city's register, inside the Wagtail admin.

The secretariat sees and corrects every entry and may take a published one
off the site (``services.entry_unpublish``); publishing is the city's own
act, so the admin's form has no publication field.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from digitalrights.cities.models import City, MemberStatus

from . import admin_views
from .models import AlgorithmEntry, EntryState, RiskLevel, SystemStatus


class EntryAdminForm(WagtailAdminModelForm):
    """The entry form: cities to choose from are the members, not the world."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "city" in self.fields:
            self.fields["city"].queryset = City.objects.filter(
                membership__status=MemberStatus.ACTIVE
            ).order_by("name")

    def save(self, commit=True):
        self.instance.updated_at = timezone.now()
        return super().save(commit=commit)


class EntryFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Publication"),
        choices=EntryState.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SystemStatus.choices, empty_label=_("All")
    )
    risk = django_filters.ChoiceFilter(
        label=_("Risk category"), choices=RiskLevel.choices, empty_label=_("All")
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"),
        queryset=lambda request: (
            City.objects.filter(algorithm_entries__isnull=False)
            .distinct()
            .order_by("name")
        ),
        empty_label=_("All"),
    )

    class Meta:
        model = AlgorithmEntry
        fields = ["state", "status", "risk", "city"]


class AlgorithmEntryViewSet(SnippetViewSet):
    model = AlgorithmEntry
    icon = "table"
    menu_label = _("Algorithm register")
    menu_name = "register"
    add_to_admin_menu = True
    menu_order = 255
    filterset_class = EntryFilterSet
    list_display = [
        "title",
        Column("city", label=_("City"), accessor="city"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("risk", label=_("Risk category"), accessor="get_risk_display"),
        Column("state", label=_("Publication"), accessor="get_state_display"),
        "updated_at",
    ]
    search_fields = ["title", "summary", "department", "city__name"]
    search_backend_name = None
    ordering = ["-updated_at", "-pk"]
    list_per_page = 50

    edit_handler = ObjectList(
        [
            FieldPanel("city"),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("language"), FieldPanel("department")]),
            FieldRowPanel([FieldPanel("status"), FieldPanel("risk")]),
            FieldRowPanel([FieldPanel("started_on"), FieldPanel("retired_on")]),
            FieldPanel("purpose"),
            MultiFieldPanel(
                [FieldPanel("data"), FieldPanel("uses_personal_data")],
                heading=_("Data"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("how_it_works"),
                    FieldPanel("supplier"),
                    FieldPanel("code_url"),
                ],
                heading=_("How it works"),
            ),
            FieldPanel("human_oversight"),
            FieldPanel("objection"),
            MultiFieldPanel(
                [
                    FieldPanel("contact"),
                    FieldPanel("contact_email"),
                    FieldPanel("more_info_url"),
                ],
                heading=_("Contact"),
            ),
        ],
        base_form_class=EntryAdminForm,
    )

    def get_queryset(self, request):
        return AlgorithmEntry.objects.select_related("city")


register_snippet(AlgorithmEntryViewSet)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "algorithm-register/<int:pk>/unpublish/",
            admin_views.unpublish,
            name="register_unpublish",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def unpublish_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, AlgorithmEntry)
        and snippet.is_published
        and user.has_perm("register.change_algorithmentry")
    ):
        yield ListingButton(
            _("Take off the site"),
            reverse("register_unpublish", args=[snippet.pk]),
            icon_name="cross",
            priority=30,
        )

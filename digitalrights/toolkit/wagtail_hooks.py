"""The secretariat's admin for the toolkit, and for the shared topics.

The topics (``core.Topic``) are registered here rather than in ``core`` so
that one app owns their admin; initiatives and working groups use them too.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.documents.models import AbstractDocument
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from digitalrights.core.models import Principle, Topic
from digitalrights.initiatives.models import written_languages

from . import selectors
from .models import Resource, ResourceKind


def _topics():
    # A topic's label is its name in the active language: one query for all.
    return Topic.objects.prefetch_related("names")


class ResourceAdminForm(WagtailAdminModelForm):
    """The resource form, with messages a secretariat member can act on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = _topics()
        self.fields["principles"].error_messages["required"] = _(
            "Choose at least one principle the resource serves."
        )


class ResourceFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=ResourceKind.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    principles = django_filters.ModelMultipleChoiceFilter(
        label=_("Principles"),
        queryset=Principle.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    topics = django_filters.ModelMultipleChoiceFilter(
        label=_("Topics"),
        queryset=lambda request: _topics(),
        widget=forms.CheckboxSelectMultiple,
    )
    # About a hundred languages: a list to pick from, not a wall of buttons.
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=written_languages,
        empty_label=_("All"),
    )
    live = django_filters.BooleanFilter(
        label=pgettext_lazy("toolkit resource", "Published")
    )

    class Meta:
        model = Resource
        fields = ["kind", "principles", "topics", "language", "live"]


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full-inverse"
    menu_label = _("Toolkit")
    menu_name = "toolkit"
    add_to_admin_menu = True
    menu_order = 250
    filterset_class = ResourceFilterSet
    list_display = [
        "title",
        Column("kind", label=_("Type"), accessor="get_kind_display"),
        Column("source_name", label=_("Made by")),
        "version_date",
        BooleanColumn("live", label=pgettext_lazy("toolkit resource", "Published")),
        "updated_at",
    ]
    # Plain database search: a few hundred rows, and it searches the city too.
    search_fields = ["title", "summary", "source_organisation", "source_city__name"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    list_per_page = 50

    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("kind"),
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Filed under"),
            ),
            MultiFieldPanel(
                [FieldPanel("source_city"), FieldPanel("source_organisation")],
                heading=_("Made by"),
                help_text=_(
                    "Choose the city from the gazetteer (search any of its names),"
                    " give the organisation, or both."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("document"), FieldPanel("url")],
                heading=_("File or link"),
                help_text=_(
                    "Upload or choose the file in Documents, give the address"
                    " where it is published, or both."
                ),
            ),
            FieldRowPanel([FieldPanel("language"), FieldPanel("version_date")]),
            FieldPanel("licence"),
            FieldPanel("live"),
        ],
        base_form_class=ResourceAdminForm,
    )

    def get_queryset(self, request):
        # The list shows each resource's source city.
        return Resource.objects.select_related("source_city")


class TopicViewSet(SnippetViewSet):
    """The topics initiatives, resources and working groups are filed under."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_name = "topics"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "names__name"]
    search_backend_name = None
    ordering = ["name"]

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        InlinePanel(
            "names",
            heading=_("Names in the other languages"),
            label=_("Name"),
        ),
    ]

    def get_queryset(self, request):
        return Topic.objects.prefetch_related("names")


register_snippet(ResourceViewSet)
register_snippet(TopicViewSet)


# Before Wagtail's own check of collection restrictions (order 0), so that a
# hidden file answers 404 rather than a sign-in or password page that would
# tell it exists. Returning nothing leaves the decision to the other hooks.
@hooks.register("before_serve_document", order=-10)
def hide_unpublished_documents(document: AbstractDocument, request: HttpRequest):
    """Answer 404 for the file of unpublished resources, except to its editors."""
    if not selectors.document_visible_to(document=document, user=request.user):
        raise Http404

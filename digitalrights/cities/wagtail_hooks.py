from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import CityProfileAdminForm
from .geography import normalise_name
from .models import City, CityProfile, Member
from .selectors import cities_named


class CityChooserFilterForm(BaseFilterForm):
    """Search the gazetteer by any spelling, as the public city finder does."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def filter(self, objects):
        query = normalise_name(self.cleaned_data.get("q") or "")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = cities_named(query, objects)
        return objects


class CityChooseView(ChooseView):
    filter_form_class = CityChooserFilterForm


class CityChooseResultsView(ChooseResultsView):
    filter_form_class = CityChooserFilterForm


class CityChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CityChooseView
    choose_results_view_class = CityChooseResultsView


class GazetteerPermissionPolicy(ModelPermissionPolicy):
    """The gazetteer comes from GeoNames (``gazetteer_load``): staff look and
    choose, never add, change or delete, which the next load would undo and
    which would leave a city's search names and slug stale."""

    def user_has_permission(self, user, action: str) -> bool:
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(City, GazetteerPermissionPolicy(City))


class CityViewSet(SnippetViewSet):
    model = City
    inspect_view_enabled = True
    chooser_viewset_class = CityChooserViewSet
    icon = "site"
    menu_label = _("Gazetteer")
    list_display = ["name", "country_code", "population", "geonameid"]
    list_filter = ["region_code"]
    # Plain database search: the gazetteer is large and changes rarely.
    search_fields = ["name", "search_names"]
    search_backend_name = None
    ordering = ["-population"]
    list_per_page = 50

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("country_code"), FieldPanel("region_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("population"),
        FieldPanel("timezone"),
    ]


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "group"
    menu_label = _("Member cities")
    list_display = ["name", "status", "joined_on", "is_founder"]
    list_filter = ["status", "is_founder", "city__region_code"]
    search_fields = ["display_name", "city__name"]
    search_backend_name = None
    ordering = ["joined_on"]

    def get_queryset(self, request):
        # The list shows each member's name, which is its city's.
        return Member.objects.select_related("city")

    panels = [
        FieldPanel("city"),
        FieldPanel("display_name"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("is_founder"),
                FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]),
            ],
            heading=_("Membership"),
        ),
        FieldPanel("signatory"),
    ]


class CityProfileViewSet(SnippetViewSet):
    """What cities say about themselves; their officials keep it, staff may
    correct it."""

    model = CityProfile
    icon = "doc-full"
    menu_label = _("City profiles")
    list_display = ["city", "website", "updated_at"]
    search_fields = ["city__name"]
    search_backend_name = None
    ordering = ["city__name"]

    def get_queryset(self, request):
        return CityProfile.objects.select_related("city")

    edit_handler = ObjectList(
        [
            FieldPanel("city"),
            FieldPanel("website"),
            FieldPanel("contact_email"),
            FieldPanel("languages"),
            FieldPanel("logo"),
            FieldPanel("logo_alt"),
            InlinePanel("descriptions", label=_("Descriptions"), max_num=5),
        ],
        base_form_class=CityProfileAdminForm,
    )


class CitiesGroup(SnippetViewSetGroup):
    items = (MemberViewSet, CityProfileViewSet, CityViewSet)
    menu_icon = "site"
    menu_label = _("Cities")
    menu_name = "cities"


register_snippet(CitiesGroup)

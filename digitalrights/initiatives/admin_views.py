"""The secretariat's moderation of initiatives, inside the Wagtail admin."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalrights.core.principles import Principle

from . import selectors, services
from .forms import DecisionForm
from .models import Initiative, ModerationState

PER_PAGE = 50


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("Moderation"),
        choices=[
            ("", gettext_lazy("Any, waiting ones first")),
            *[c for c in ModerationState.choices if c[0] != ModerationState.DRAFT],
            (selectors.CHANGE_WAITING, gettext_lazy("Published, a change waits")),
        ],
        required=False,
    )
    city = forms.TypedChoiceField(
        label=gettext_lazy("City"), coerce=int, required=False, empty_value=None
    )
    principle = forms.TypedChoiceField(
        label=gettext_lazy("Principle"),
        choices=[("", gettext_lazy("All principles")), *Principle.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [
            ("", _("All cities")),
            *[(c.pk, c.name) for c in selectors.cities_with_initiatives()],
        ]


@permission_required("initiatives.view_initiative", raise_exception=True)
def moderation_queue(request: HttpRequest) -> HttpResponse:
    """List initiatives by state, city and principle; waiting ones first."""
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    initiatives = selectors.moderation_queue(
        state=filters.get("state") or "",
        city_id=filters.get("city"),
        principle=filters.get("principle"),
    )
    page = Paginator(initiatives, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/admin/queue.html",
        {"form": form, "page": page, "page_query": query.urlencode()},
    )


def _decide(request: HttpRequest, initiative: Initiative, data: dict) -> str:
    """Take the decision; return what to tell the person who took it."""
    decision, message = data["decision"], data["message"]
    common = {"by": request.user, "initiative_id": initiative.pk}
    if decision == "publish":
        services.initiative_publish(**common, message=message)
    elif decision == "changes":
        services.initiative_request_changes(**common, message=message)
    elif decision == "decline":
        services.initiative_decline(**common, reason=message)
    elif decision == "unpublish":
        services.initiative_unpublish(**common, message=message)
    elif decision == "change_publish":
        services.initiative_change_publish(**common, message=message)
        return _("The change to “%(title)s” is published.")
    elif decision == "change_return":
        services.initiative_change_return(**common, message=message)
        return _("The change to “%(title)s” is sent back to the city.")
    elif decision == "change_decline":
        services.initiative_change_decline(**common, reason=message)
        return _("The change to “%(title)s” is declined.")
    return _("“%(title)s” is now: %(state)s.")


@permission_required("initiatives.view_initiative", raise_exception=True)
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one initiative with its history, and take the secretariat's decision."""
    initiative = get_object_or_404(
        # Drafts are the city's own until submitted; the queue never lists them.
        selectors.with_everything(
            Initiative.objects.exclude(state=ModerationState.DRAFT)
        ),
        pk=pk,
    )
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: check the form."))
            return redirect("initiatives_moderate", pk=pk)
        try:
            done = _decide(request, initiative, form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            reasons = (
                error.messages if isinstance(error, ValidationError) else [str(error)]
            )
            messages.error(request, " ".join(reasons))
        else:
            initiative.refresh_from_db(fields=["state", "title"])
            messages.success(
                request,
                done
                % {"title": initiative.title, "state": initiative.get_state_display()},
            )
        return redirect("initiatives_moderate", pk=pk)
    change = selectors.initiative_change_get(initiative)
    preview = fields = pictures = None
    if change is not None:
        preview = selectors.change_preview(initiative, change)
        fields, pictures = selectors.change_differences(initiative, preview)
    return render(
        request,
        "initiatives/admin/moderate.html",
        {
            "initiative": initiative,
            "change": change,
            "preview": preview,
            "changed_fields": fields,
            "changed_pictures": pictures,
            "history": selectors.initiative_history(initiative),
            "can_decide": request.user.has_perm(services.MODERATE_PERMISSION),
        },
    )

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalrights.core.forms import DeliverableEmailField, SiteForm

# Markup and control characters have no place in a name.
FORBIDDEN_IN_NAME = re.compile(r"[<>{}\x00-\x1f\x7f]")


class EndorsementForm(SiteForm):
    """What a resident gives to endorse their city, each field saying why."""

    email = DeliverableEmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "To send you one link that confirms your endorsement. We keep it "
            "only until you confirm, unless you ask for news below."
        ),
        error_messages={
            "required": _(
                "Please give your email address, so we can confirm it is you."
            ),
        },
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_(
            "Only if you want it shown to the city council with your "
            "endorsement. It is never published."
        ),
        error_messages={
            "max_length": _("Please shorten your name to 100 characters at most."),
        },
    )
    wants_news = forms.BooleanField(
        label=_("Send me news of the coalition (at most once a month)"),
        required=False,
        help_text=_("Unticked, we write to you only to confirm this endorsement."),
    )
    # A field people never see: software that fills every field gives itself
    # away here.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if FORBIDDEN_IN_NAME.search(name):
            raise forms.ValidationError(
                _("Please write your name without the characters < > { }."),
                code="markup",
            )
        return name

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                _("This field must stay empty. If you filled it in, please clear it."),
                code="honeypot",
            )
        return ""

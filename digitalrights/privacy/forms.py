from django import forms
from django.utils.translation import gettext_lazy as _

from digitalrights.core.forms import DeliverableEmailField, SiteForm

from .services import Action


class DataRequestForm(SiteForm):
    """Ask for a copy of one's data, its erasure, or no more news."""

    email = DeliverableEmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "We send the link there, so only the owner of the mailbox can open it."
        ),
        error_messages={
            "required": _("Please give the email address you used."),
        },
    )
    action = forms.ChoiceField(
        label=_("What would you like?"),
        choices=[
            (Action.COPY.value, _("A copy of everything you keep about me")),
            (Action.ERASE.value, _("Erase everything you keep about me")),
            (
                Action.STOP_NEWS.value,
                _(
                    "Send me no more news and delete my address; my "
                    "endorsements still count"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what you would like."),
            "invalid_choice": _("Please choose what you would like."),
        },
    )

"""What the site's public forms share: one accessible way to draw a field."""

from django import forms
from django.core.mail.message import sanitize_address
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(DjangoTemplates):
    """Draw ``{{ field.as_field_group }}`` with the site's field template."""

    field_template_name = "core/field.html"


class DeliverableEmailField(forms.EmailField):
    """An email address that mail can actually be sent to.

    Django's validator accepts some internationalised domains that its mail
    code then cannot encode (IDNA refuses them); such an address would only
    fail later, in the worker.
    """

    default_error_messages = {
        "invalid": _("This does not look like an email address; please check it."),
    }

    def clean(self, value):
        address = super().clean(value)
        # Only non-ASCII domains can fail (IDNA), and checking costs a
        # signature a tenth of a millisecond: plain addresses skip it.
        if address and not address.isascii():
            try:
                sanitize_address(address, "utf-8")
            except (ValueError, UnicodeError):
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from None
        return address


class SiteForm(forms.Form):
    """A public form: label, hint, error and input tied together for screen
    readers (Django sets aria-describedby and aria-invalid to match)."""

    default_renderer = SiteFormRenderer()

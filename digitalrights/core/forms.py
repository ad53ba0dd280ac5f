"""What the site's public forms share: one accessible way to draw a field."""

from django import forms
from django.forms.renderers import DjangoTemplates


class SiteFormRenderer(DjangoTemplates):
    """Draw ``{{ field.as_field_group }}`` with the site's field template."""

    field_template_name = "core/field.html"


class SiteForm(forms.Form):
    """A public form: label, hint, error and input tied together for screen
    readers (Django sets aria-describedby and aria-invalid to match)."""

    default_renderer = SiteFormRenderer()

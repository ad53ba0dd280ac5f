from django import template

from digitalrights.cities.models import City

from ..forms import EndorsementForm
from ..selectors import city_endorsements

register = template.Library()


@register.inclusion_tag("endorsements/includes/panel.html")
def endorsement_panel(city: City) -> dict:
    """Show a city's endorsement count, its standing and the form to endorse."""
    return {
        "city": city,
        "endorsements": city_endorsements(city),
        "form": EndorsementForm(),
    }

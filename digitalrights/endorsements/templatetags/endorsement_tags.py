from django import template

from digitalrights.cities.models import City

from ..forms import EndorsementForm
from ..selectors import city_endorsements, city_is_member

register = template.Library()


@register.inclusion_tag("endorsements/includes/panel.html")
def endorsement_panel(city: City) -> dict:
    """Show a city's endorsement count, its standing and the form to endorse."""
    is_member = city_is_member(city)
    return {
        "city": city,
        "is_member": is_member,
        "endorsements": city_endorsements(city, is_member=is_member),
        "form": EndorsementForm(),
    }

from django import template

from digitalrights.cities.models import City

from ..forms import EndorsementForm
from ..selectors import city_endorsements

register = template.Library()


@register.inclusion_tag("endorsements/includes/panel.html")
def endorsement_panel(city: City) -> dict:
    """Show a city's endorsement count, its standing and the form to endorse."""
    member = getattr(city, "membership", None)
    is_member = member is not None and member.status == "active"
    return {
        "city": city,
        "is_member": is_member,
        "endorsements": city_endorsements(city, is_member=is_member),
        "form": EndorsementForm(),
    }

"""Template tags other apps use to point to a city's published progress."""

from __future__ import annotations

from django import template
from django.urls import reverse

from digitalrights.cities.models import City

from ..public_selectors import published

register = template.Library()


@register.simple_tag
def progress_url(city: City | None) -> str:
    """Return the address of the city's progress page, or "" if it has none."""
    if city is None or not city.pk:
        return ""
    if not published().filter(city_id=city.pk).exists():
        return ""
    return reverse("monitoring:city", args=[city.geonameid])

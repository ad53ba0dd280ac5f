from django import template
from django.utils.safestring import SafeString

from digitalrights.opendata.structured_data import describe, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, obj) -> SafeString:
    """Write the schema.org JSON-LD of ``obj`` (a city, initiative, …)."""
    return json_ld_script(describe(obj, context.flatten()))

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """Add what the base template needs on every page."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "DECLARATION_SOURCE_URL": settings.DECLARATION_SOURCE_URL,
    }

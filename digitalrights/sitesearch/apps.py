from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSearchConfig(AppConfig):
    name = "digitalrights.sitesearch"
    verbose_name = _("Search")

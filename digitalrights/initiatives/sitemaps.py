from django.contrib.sitemaps import Sitemap

from .models import Initiative


class InitiativeSitemap(Sitemap):
    """List the page of every published initiative, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Initiative.objects.published().only("pk", "slug", "updated_at")

    def lastmod(self, item: Initiative):
        return item.updated_at

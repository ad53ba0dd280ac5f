from django.contrib.sitemaps import Sitemap

from .models import AlgorithmEntry


class AlgorithmEntrySitemap(Sitemap):
    """List the page of every published register entry, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return AlgorithmEntry.objects.published().only("pk", "slug", "updated_at")

    def lastmod(self, item: AlgorithmEntry):
        return item.updated_at

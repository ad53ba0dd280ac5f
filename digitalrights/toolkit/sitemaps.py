from django.contrib.sitemaps import Sitemap

from .models import Resource


class ResourceSitemap(Sitemap):
    """List the page of every published resource, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Resource.objects.published().order_by("pk")

    def lastmod(self, item: Resource):
        return item.updated_at

from django.contrib.sitemaps import Sitemap

from .models import Member, MemberStatus


class CitySitemap(Sitemap):
    """List the page of every member city, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return (
            Member.objects.filter(status=MemberStatus.ACTIVE)
            .select_related("city")
            .order_by("pk")
        )

    def location(self, item: Member) -> str:
        return item.city.get_absolute_url()

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from digitalrights.cities.sitemaps import CitySitemap
from digitalrights.core import views as core_views
from digitalrights.endorsements import opendata as endorsement_data
from digitalrights.initiatives.sitemaps import InitiativeSitemap
from digitalrights.opendata import views as opendata_views
from digitalrights.opendata.api import api as api_v1
from digitalrights.register.sitemaps import AlgorithmEntrySitemap
from digitalrights.toolkit.sitemaps import ResourceSitemap

handler404 = "digitalrights.core.views.page_not_found"
handler500 = "digitalrights.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": {
                "pages": Sitemap,
                "cities": CitySitemap,
                "initiatives": InitiativeSitemap,
                "toolkit": ResourceSitemap,
                "register": AlgorithmEntrySitemap,
            }
        },
        name="sitemap",
    ),
    path(
        "data/endorsement-counts.json",
        endorsement_data.counts_json,
        name="endorsement_counts_json",
    ),
    path(
        "data/endorsement-counts.csv",
        endorsement_data.counts_csv,
        name="endorsement_counts_csv",
    ),
    # Everyone signs in through allauth, with the second factor and the
    # limits on failed attempts; Wagtail's own form would skip both.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    path("api/v1/", api_v1.urls),
    path("data/dumps/<str:name>", opendata_views.dump_file, name="opendata_dump"),
    path("catalog.ttl", opendata_views.catalog_ttl, name="opendata_catalog_ttl"),
    path(
        "catalog.jsonld", opendata_views.catalog_jsonld, name="opendata_catalog_jsonld"
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("cities/", include("digitalrights.cities.urls")),
    path("endorse/counts/", endorsement_data.counts_page, name="endorsement_counts"),
    path("endorse/", include("digitalrights.endorsements.urls")),
    path("your-data/", include("digitalrights.privacy.urls")),
    path("accounts/", include("allauth.urls")),
    path(
        "officials/initiatives/",
        include("digitalrights.initiatives.officials_urls"),
    ),
    path(
        "officials/register/",
        include("digitalrights.register.officials_urls"),
    ),
    path(
        "officials/monitoring/review/",
        include("digitalrights.monitoring.review_urls"),
    ),
    path(
        "officials/monitoring/",
        include("digitalrights.monitoring.officials_urls"),
    ),
    path("officials/", include("digitalrights.membership.urls")),
    path("initiatives/", include("digitalrights.initiatives.urls")),
    path("toolkit/", include("digitalrights.toolkit.urls")),
    path("register/", include("digitalrights.register.urls")),
    path("progress/", include("digitalrights.monitoring.public_urls")),
    path("search/", include("digitalrights.sitesearch.urls")),
    path("data/", include("digitalrights.opendata.urls")),
    # Only the badge; the campaign pages are Wagtail pages under the same prefix.
    path("campaigns/", include("digitalrights.campaigns.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if not settings.PRODUCTION:
    # In development uploads (logos, images) are served by Django itself; in
    # production the proxy serves MEDIA_ROOT (docs/deployment.md).
    from django.urls import re_path

    urlpatterns.insert(0, re_path(r"^media/(?P<path>.*)$", core_views.media))

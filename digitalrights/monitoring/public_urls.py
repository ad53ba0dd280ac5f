"""The public side of monitoring: scores, charts and the method (issue 6)."""

from django.urls import path

from . import public_views

app_name = "monitoring"
urlpatterns = [
    path("", public_views.overview, name="overview"),
    path("method/", public_views.method, name="method"),
    path("compare/", public_views.compare, name="compare"),
    path("cities/", public_views.cities, name="cities"),
    path("cities/<int:geonameid>/", public_views.city, name="city"),
    path(
        "cities/<int:geonameid>/report.pdf",
        public_views.city_report,
        name="city_report",
    ),
    path("documents/<int:pk>/", public_views.document_download, name="document"),
]

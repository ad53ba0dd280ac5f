from django.urls import path
from django.views.decorators.http import require_safe

from digitalrights.sitesearch import views as search_views

from . import feeds, views

app_name = "toolkit"
urlpatterns = [
    # The directory is a search limited to this kind (digitalrights/sitesearch/).
    path("", search_views.toolkit_directory, name="list"),
    path("feed/", require_safe(feeds.ResourceFeed()), name="feed"),
    path(
        "feed/principle/<int:number>/",
        require_safe(feeds.PrincipleResourceFeed()),
        name="feed_principle",
    ),
    path(
        "feed/city/<int:geonameid>/",
        require_safe(feeds.CityResourceFeed()),
        name="feed_city",
    ),
    path("<int:pk>-<slug:slug>/", views.resource_detail, name="detail"),
]

from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "toolkit"
# The empty path is the toolkit directory, which site search serves.
urlpatterns = [
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

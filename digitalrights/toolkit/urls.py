from django.urls import path

from . import feeds, views

app_name = "toolkit"
# The empty path is the toolkit directory, which site search serves.
urlpatterns = [
    path("feed/", feeds.ResourceFeed(), name="feed"),
    path(
        "feed/principle/<int:number>/",
        feeds.PrincipleResourceFeed(),
        name="feed_principle",
    ),
    path("feed/city/<int:geonameid>/", feeds.CityResourceFeed(), name="feed_city"),
    path("<int:pk>-<slug:slug>/", views.resource_detail, name="detail"),
]

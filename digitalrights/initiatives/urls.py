from django.urls import path
from django.views.decorators.http import require_safe

from digitalrights.sitesearch import views as search_views

from . import feeds, views

app_name = "initiatives"
urlpatterns = [
    # The directory is a search limited to this kind (digitalrights/sitesearch/).
    path("", search_views.initiative_directory, name="list"),
    path("<int:pk>-<slug:slug>/", views.initiative_detail, name="detail"),
    path("feed/", require_safe(feeds.InitiativeFeed()), name="feed"),
    path(
        "feed/principle/<int:number>/",
        require_safe(feeds.PrincipleFeed()),
        name="feed_principle",
    ),
    path(
        "feed/city/<int:geonameid>/",
        require_safe(feeds.CityFeed()),
        name="feed_city",
    ),
]

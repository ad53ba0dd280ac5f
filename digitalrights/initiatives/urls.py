from django.urls import path

from . import feeds, views

app_name = "initiatives"
# "" is left for the directory of initiatives (digitalrights/sitesearch/).
urlpatterns = [
    path("<int:pk>-<slug:slug>/", views.initiative_detail, name="detail"),
    path("feed/", feeds.InitiativeFeed(), name="feed"),
    path("feed/principle/<int:number>/", feeds.PrincipleFeed(), name="feed_principle"),
    path("feed/city/<int:geonameid>/", feeds.CityFeed(), name="feed_city"),
]

from django.urls import path

from . import views

app_name = "cities"
urlpatterns = [
    path("", views.member_directory, name="directory"),
    path("find/", views.city_find, name="find"),
    path("<int:geonameid>-<slug:slug>/", views.city_detail, name="city_detail"),
]

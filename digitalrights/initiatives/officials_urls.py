from django.urls import path

from . import views

app_name = "initiatives_officials"
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("cities/<int:geonameid>/new/", views.initiative_create, name="create"),
    path("<int:pk>/", views.initiative_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.initiative_action, name="action"),
]

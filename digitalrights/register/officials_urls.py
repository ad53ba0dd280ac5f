from django.urls import path

from . import views

app_name = "register_officials"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("cities/<int:geonameid>/new/", views.entry_create, name="create"),
    path("<int:pk>/", views.entry_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.entry_action, name="action"),
]

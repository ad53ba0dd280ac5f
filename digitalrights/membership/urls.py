from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("represent/", views.representation_request, name="request"),
    path(
        "representations/<int:pk>/end/",
        views.representation_end,
        name="representation_end",
    ),
    path("cities/<int:geonameid>/profile/", views.profile_edit, name="profile"),
    path(
        "cities/<int:geonameid>/apply/",
        views.application_start,
        name="application_start",
    ),
    path("cities/<int:geonameid>/leave/", views.member_leave, name="member_leave"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path(
        "applications/<int:pk>/<slug:action>/",
        views.application_action,
        name="application_action",
    ),
    path("documents/<int:pk>/", views.document_download, name="document"),
]

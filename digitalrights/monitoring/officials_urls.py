from django.urls import path

from . import views

app_name = "monitoring_officials"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path(
        "cities/<int:geonameid>/cycles/<int:cycle_id>/start/",
        views.assessment_start,
        name="start",
    ),
    path("<int:pk>/", views.assessment_overview, name="assessment"),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path(
        "<int:pk>/indicators/<int:indicator_id>/",
        views.answer_edit,
        name="answer",
    ),
]

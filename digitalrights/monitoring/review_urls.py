"""The reviewers' pages of monitoring: comment, accept, ask for changes."""

from django.urls import path

from . import review_views

app_name = "monitoring_review"
urlpatterns = [
    path("", review_views.review_list, name="list"),
    path(
        "<int:pk>/principles/<int:principle>/",
        review_views.review_assessment,
        name="assessment",
    ),
]

from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    # The campaign pages themselves are Wagtail pages under the same prefix;
    # any other address falls through to Wagtail.
    path("<str:slug>/badge.svg", views.campaign_badge, name="badge"),
]

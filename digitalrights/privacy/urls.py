from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.privacy, name="privacy"),
    path("sent/", views.sent, name="sent"),
    path("open/<str:token>/", views.open_link, name="open"),
]

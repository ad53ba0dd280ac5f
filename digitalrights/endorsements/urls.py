from django.urls import path

from . import views

app_name = "endorsements"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("challenge/", views.challenge, name="challenge"),
    path("<int:geonameid>/", views.endorse, name="endorse"),
    path("<int:geonameid>/sent/", views.sent, name="sent"),
]

from django.urls import path

from . import views

app_name = "endorsements"
urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("<int:geonameid>/", views.endorse, name="endorse"),
    path("<int:geonameid>/sent/", views.sent, name="sent"),
]

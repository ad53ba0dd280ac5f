from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.data_index, name="index"),
    path("api/", views.api_docs, name="api_docs"),
]

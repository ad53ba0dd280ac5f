from django.urls import path

from . import views

app_name = "sitesearch"
urlpatterns = [path("", views.site_search, name="search")]

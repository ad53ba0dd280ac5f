from django.urls import path

from . import views

app_name = "register"
urlpatterns = [
    path("", views.register_index, name="index"),
    path("<int:pk>-<slug:slug>/", views.entry_detail, name="detail"),
]

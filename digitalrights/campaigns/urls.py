from django.urls import re_path

from . import views

app_name = "campaigns"
urlpatterns = [
    # The campaign pages themselves are Wagtail pages under the same prefix;
    # any other address falls through to Wagtail. A slug is letters, digits,
    # "_" and "-" (Unicode letters too, as Wagtail allows): anything else, a
    # NUL byte say, is not a campaign and never reaches the database.
    re_path(r"^(?P<slug>[-\w]+)/badge\.svg$", views.campaign_badge, name="badge"),
]

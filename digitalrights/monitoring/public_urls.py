"""The public side of monitoring: scores, charts and reports (issue 6)."""

app_name = "monitoring"
urlpatterns: list = []

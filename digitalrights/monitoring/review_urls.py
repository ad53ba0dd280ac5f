"""The reviewers' pages of monitoring: comment, accept, ask for changes."""

app_name = "monitoring_review"
urlpatterns: list = []

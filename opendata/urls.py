"""Open data downloads of published plans, at stable addresses without a language prefix
(see docs/open-data.md)."""

from django.urls import path

from opendata import views

app_name = "opendata"
urlpatterns = [
    path("<slug:org>/<slug:plan>.json", views.plan_file, {"format_name": "json"},
         name="plan_json"),
    path("<slug:org>/<slug:plan>.xlsx", views.plan_file, {"format_name": "xlsx"},
         name="plan_xlsx"),
    path("<slug:org>/<slug:plan>/<slug:table>.csv", views.plan_file, {"format_name": "csv"},
         name="plan_csv"),
]

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:org>/", views.organization_detail, name="organization"),
    path("<slug:org>/<slug:plan>/", views.plan_detail, name="plan"),
]

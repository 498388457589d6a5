"""The API's addresses, under /api/v1/ (outside the language prefixes: stable URLs for
programs). The editor's pages of API tokens are in teixit/urls_editor.py."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.views import public, writes

app_name = "api"

P = "v1/organizations/<slug:org>/plans/<slug:plan>/"

urlpatterns = [
    path("v1/", public.ApiRoot.as_view(), name="root"),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/organizations/", public.OrganizationList.as_view(), name="organizations"),
    path("v1/organizations/<slug:org>/", public.OrganizationDetail.as_view(),
         name="organization"),
    path("v1/plans/", public.PlanList.as_view(), name="plans"),
    path(P, public.PlanDetail.as_view(), name="plan"),
    path(P + "elements/", public.ElementList.as_view(), name="elements"),
    path(P + "elements/<slug:element>/", public.ElementDetail.as_view(), name="element"),
    path(P + "elements/<slug:element>/progress/<slug:period>/", writes.ProgressEntry.as_view(),
         name="progress_entry"),
    path(P + "progress/", public.ProgressList.as_view(), name="progress"),
    path(P + "indicators/", public.IndicatorList.as_view(), name="indicators"),
    path(P + "indicators/<slug:indicator>/values/<slug:period>/<slug:kind>/",
         writes.IndicatorValueEntry.as_view(), name="indicator_value"),
    path(P + "ratings/", public.RatingList.as_view(), name="ratings"),
    path(P + "budgets/", public.BudgetList.as_view(), name="budgets"),
    path(P + "events/", public.EventList.as_view(), name="events"),
]

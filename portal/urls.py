from django.urls import path

from portal.views import organizations, plans, reports

app_name = "portal"
P = "<slug:org>/<slug:plan>/"
urlpatterns = [
    path("", organizations.home, name="home"),
    path("search/", organizations.search, name="search"),
    path("<slug:org>/", organizations.organization_detail, name="organization"),
    path(P, plans.plan_overview, name="plan"),
    path(P + "about/", plans.plan_texts, name="plan_texts"),
    path(P + "elements/", plans.plan_elements, name="plan_elements"),
    path(P + "elements/<slug:element>/", plans.element_detail, name="element"),
    path(P + "elements/<slug:element>/indicators/", plans.element_indicators,
         name="element_indicators"),
    path(P + "elements/<slug:element>/budget/", plans.element_budget, name="element_budget"),
    path(P + "elements/<slug:element>/activities/", plans.element_activities,
         name="element_activities"),
    path(P + "budget/", plans.plan_budget, name="plan_budget"),
    path(P + "indicators/", plans.plan_indicators, name="plan_indicators"),
    path(P + "activities/", plans.plan_activities, name="plan_activities"),
    path(P + "data/", plans.plan_data, name="plan_data"),
    path(P + "history/", plans.plan_history, name="plan_history"),
    path(P + "history/<int:change_id>/", plans.plan_change, name="plan_change"),
    path(P + "reports/", reports.report_list, name="plan_reports"),
    path(P + "reports/plan.<str:fmt>", reports.plan_document, name="plan_document"),
    path(P + "reports/annual/<slug:element>/<int:year>.<str:fmt>", reports.annual_report,
         name="annual_report"),
    path(P + "reports/card/<slug:element>.<str:fmt>", reports.element_card,
         name="element_card"),
]

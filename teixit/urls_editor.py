"""Every editor address, in one namespace ("editor"). Each view checks access through the
gateway of its object type."""

from django.urls import path

from api.views import editor as api
from budgets.views import editor as budgets
from exchange.sheets import views as spreadsheets
from exchange.views import documents
from history import views as history
from monitoring.views import editor as monitoring
from organizations.views import editor as organizations
from plans.views import elements, plans
from reports.views import editor as reports

P = "<slug:org>/plans/<slug:plan>/"
E = P + "elements/<int:element_id>/"

app_name = "editor"
urlpatterns = [
    path("", organizations.home, name="home"),
    path("changes/<int:change_id>/", history.change_detail, name="change"),
    path("changes/<int:change_id>/restore/", history.change_restore_view,
         name="change_restore"),
    # Organisation
    path("<slug:org>/", organizations.organization_detail, name="organization"),
    path("<slug:org>/history/", history.organization_history, name="organization_history"),
    path("<slug:org>/licence/", organizations.organization_licence, name="organization_licence"),
    path("<slug:org>/bodies/", organizations.body_list, name="bodies"),
    path("<slug:org>/bodies/new/", organizations.body_edit, name="body_create"),
    path("<slug:org>/bodies/<int:body_id>/", organizations.body_edit, name="body"),
    path("<slug:org>/bodies/<int:body_id>/delete/", organizations.body_delete,
         name="body_delete"),
    path("<slug:org>/people/", organizations.member_list, name="members"),
    path("<slug:org>/people/<int:membership_id>/role/", organizations.member_role,
         name="member_role"),
    path("<slug:org>/people/<int:membership_id>/remove/", organizations.member_remove,
         name="member_remove"),
    path("<slug:org>/plans/new/", plans.plan_create, name="plan_create"),
    path("<slug:org>/disaggregations/", monitoring.category_list, name="categories"),
    path("<slug:org>/disaggregations/new/", monitoring.category_edit, name="category_create"),
    path("<slug:org>/disaggregations/<int:category_id>/", monitoring.category_edit,
         name="category"),
    path("<slug:org>/api-tokens/", api.token_list, name="api_tokens"),
    path("<slug:org>/api-tokens/revoke/", api.token_revoke, name="api_token_revoke"),
    path("<slug:org>/import-document/", documents.document_import, name="document_import"),
    path("<slug:org>/import-document/<str:token>/", documents.document_preview,
         name="document_preview"),
    # Plan
    path(P, elements.plan_tree, name="plan"),
    path(P + "settings/", plans.plan_settings, name="plan_settings"),
    path(P + "status/", plans.plan_status, name="plan_status"),
    path(P + "history/", history.plan_history, name="plan_history"),
    path(P + "texts/", plans.section_list, name="sections"),
    path(P + "texts/new/", plans.section_edit, name="section_create"),
    path(P + "texts/<int:section_id>/", plans.section_edit, name="section"),
    path(P + "texts/<int:section_id>/delete/", plans.section_delete, name="section_delete"),
    path(P + "texts/<int:section_id>/move/", plans.section_move, name="section_move"),
    path(P + "levels/", plans.level_list, name="levels"),
    path(P + "levels/new/", plans.level_edit, name="level_create"),
    path(P + "levels/<int:level_id>/", plans.level_edit, name="level"),
    path(P + "levels/<int:level_id>/delete/", plans.level_delete, name="level_delete"),
    path(P + "vocabularies/", plans.term_list, name="terms"),
    path(P + "vocabularies/new/", plans.term_edit, name="term_create"),
    path(P + "vocabularies/<int:term_id>/", plans.term_edit, name="term"),
    path(P + "vocabularies/<int:term_id>/delete/", plans.term_delete, name="term_delete"),
    # Elements
    path(P + "elements/new/", elements.element_create, name="element_create"),
    path(E, elements.element_detail, name="element"),
    path(E + "edit/", elements.element_edit, name="element_edit"),
    path(E + "inline/", elements.element_inline, name="element_inline"),
    path(E + "row/", elements.element_row, name="element_row"),
    path(E + "reorder/", elements.element_reorder, name="element_reorder"),
    path(E + "move/", elements.element_move, name="element_move"),
    path(E + "delete/", elements.element_delete, name="element_delete"),
    path(E + "history/", history.element_history, name="element_history"),
    path(E + "texts/new/", elements.element_section_edit, name="element_section_create"),
    path(E + "texts/<int:section_id>/", elements.element_section_edit, name="element_section"),
    path(E + "texts/<int:section_id>/delete/", elements.element_section_delete,
         name="element_section_delete"),
    path(E + "links/new/", elements.link_create, name="link_create"),
    path(E + "links/<int:link_id>/delete/", elements.link_delete, name="link_delete"),
    # Monitoring
    path(P + "monitoring/", monitoring.dashboard, name="monitoring"),
    path(P + "monitoring/settings/", monitoring.policy_edit, name="monitoring_settings"),
    path(P + "monitoring/periods/new/", monitoring.periods_generate, name="periods_generate"),
    path(P + "monitoring/periods/<int:period_id>/status/", monitoring.period_close,
         name="period_status"),
    path(E + "monitoring/", monitoring.element_monitoring, name="element_monitoring"),
    path(E + "monitoring/<int:period_id>/", monitoring.entry, name="entry"),
    path(P + "indicators/", monitoring.indicator_list, name="indicators"),
    path(P + "indicators/new/", monitoring.indicator_edit, name="indicator_create"),
    path(P + "indicators/<int:indicator_id>/", monitoring.indicator_edit, name="indicator"),
    path(P + "indicators/<int:indicator_id>/delete/", monitoring.indicator_delete,
         name="indicator_delete"),
    path(P + "scales/new/", monitoring.scale_edit, name="scale_create"),
    path(P + "scales/<int:scale_id>/", monitoring.scale_edit, name="scale"),
    path(P + "activities/", monitoring.event_list, name="events"),
    path(P + "activities/new/", monitoring.event_edit, name="event_create"),
    path(P + "activities/<int:event_id>/", monitoring.event_edit, name="event"),
    path(P + "activities/<int:event_id>/delete/", monitoring.event_delete, name="event_delete"),
    # Reports
    path(P + "reports/", reports.report_list, name="reports"),
    path(P + "reports/annual/", reports.annual, name="report_annual"),
    path(P + "reports/work-plan/", reports.workplan, name="report_workplan"),
    path(P + "reports/card/", reports.card, name="report_card"),
    # Spreadsheets
    path(P + "spreadsheets/", spreadsheets.spreadsheets, name="spreadsheets"),
    path(P + "spreadsheets/download/", spreadsheets.spreadsheet_download,
         name="spreadsheet_download"),
    path(P + "spreadsheets/<int:upload_id>/", spreadsheets.spreadsheet_preview,
         name="spreadsheet_preview"),
    # Budgets
    path(P + "budgets/", budgets.budget_list, name="budgets"),
    path(P + "budgets/new/", budgets.budget_create, name="budget_create"),
    path(P + "budgets/<int:budget_id>/", budgets.budget_detail, name="budget"),
    path(P + "budgets/<int:budget_id>/lines/new/", budgets.line_edit, name="line_create"),
    path(P + "budgets/<int:budget_id>/lines/<int:line_id>/", budgets.line_edit, name="line"),
    path(P + "budgets/<int:budget_id>/lines/<int:line_id>/delete/", budgets.line_delete,
         name="line_delete"),
    path(P + "budgets/<int:budget_id>/personnel/new/", budgets.cost_edit, name="cost_create"),
    path(P + "budgets/<int:budget_id>/personnel/<int:cost_id>/", budgets.cost_edit,
         name="cost"),
    path(P + "budgets/<int:budget_id>/personnel/<int:cost_id>/delete/", budgets.cost_delete,
         name="cost_delete"),
]

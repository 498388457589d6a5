"""A published plan's public pages: its progress, texts, elements, budget, indicators,
activities, reports, open data and history. Everyone reads them; a draft is shown only to its
own people, as a preview."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from history.diff import changed_labels, snapshot_rows
from monitoring import selectors as monitoring
from opendata.selectors import downloads_for
from plans.models import Plan
from plans.permissions import plan_for_reader
from portal import presenters, selectors
from portal.caching import public_page
from portal.forms import ElementFilterForm
from reports.formats import FORMATS

HISTORY_PAGE = 30
INDICATORS_PAGE = 25
ACTIVITIES_PAGE = 100


def _context(plan: Plan, tab: str, **extra) -> dict:
    return {"organization": plan.organization, "plan": plan, "section": "portal", "tab": tab,
            "has_texts": plan.sections.exists(), "formats": list(FORMATS.items()), **extra}


@require_safe
@public_page
def plan_overview(request, org, plan):
    """The tree with every element's progress in the chosen period, against the expected
    pace, with the rule that rolls it up."""
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_monitoring(plan, request.GET.get("period"))
    return render(request, "portal/plan.html", _context(
        plan, "overview", state=state, groups=selectors.tree_with_figures(plan, state)))


@require_safe
@public_page
def plan_texts(request, org, plan):
    plan = plan_for_reader(request.user, org, plan)
    return render(request, "portal/plan_texts.html", _context(
        plan, "texts", sections=plan.sections.all()))


@require_safe
@public_page
def plan_elements(request, org, plan):
    """Search and filters over the plan's elements: by line, body, status, scope and year."""
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_monitoring(plan, request.GET.get("period"))
    elements = selectors.plan_elements(plan)
    choices = selectors.filter_choices(plan, elements)
    form = ElementFilterForm(request.GET or None, choices=choices)
    if form.is_bound and not form.is_valid():
        filters, found = selectors.Filters(), []  # the form says which value is wrong
    else:
        filters = form.filters() if form.is_bound else selectors.Filters()
        found = selectors.filter_elements(elements, filters, state.rows)
    rows = state.rows
    return render(request, "portal/plan_elements.html", _context(
        plan, "elements", state=state, form=form, filters=filters,
        results=[(element, rows.get(element.pk)) for element in found],
        total=len(elements)))


@require_safe
@public_page
def plan_budget(request, org, plan):
    plan = plan_for_reader(request.user, org, plan)
    year = request.GET.get("year")
    state = selectors.public_monitoring(plan)
    views = [presenters.budget_view(summary, f"budget-{summary.budget.pk}",
                                    int(year) if year and year.isdigit() else None, provisional)
             for summary, provisional in selectors.public_budgets(plan, state.publication)]
    views.sort(key=lambda v: (v.budget.element is not None, v.budget.element.order
                              if v.budget.element else 0))
    return render(request, "portal/plan_budget.html", _context(plan, "budget", views=views))


@require_safe
@public_page
def plan_indicators(request, org, plan):
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_monitoring(plan)
    page = Paginator(plan.indicators.order_by("element__order", "element_id", "order", "pk")
                     .values_list("pk", flat=True), INDICATORS_PAGE).get_page(
        request.GET.get("page"))
    series = monitoring.indicators_of(plan, periods=state.periods, ids=list(page))
    series.sort(key=lambda s: list(page).index(s.indicator.pk))
    tables = presenters.indicator_tables(series, state.periods)
    monitored = [row.element for row in state.figures.monitored] if state.figures else []
    return render(request, "portal/plan_indicators.html", _context(
        plan, "indicators", state=state, tables=tables, page=page,
        ratings=presenters.rating_tables(plan, monitored, _rated_period(plan, state))))


def _rated_period(plan: Plan, state):
    """The latest public period with ratings."""
    from monitoring.models import Rating

    rated = set(Rating.objects.filter(period__in=state.periods)
                .values_list("period_id", flat=True).distinct())
    return max((p for p in state.periods if p.pk in rated),
               key=lambda p: (p.ends_on, p.kind == "year"), default=None)


@require_safe
@public_page
def plan_activities(request, org, plan):
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_state(plan)
    events = selectors.public_events_query(plan, state.publication)
    return render(request, "portal/plan_activities.html", _context(
        plan, "activities", **_activities_page(request, events, state)))


def _activities_page(request, events, state) -> dict:
    """The public activities of ``events`` for the year asked for, a page of them."""
    years = sorted(set(events.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() and int(year) in years else None
    if year is not None:
        events = events.filter(year=year)
    page = Paginator(events.prefetch_related("bodies", "organizations",
                                             "attendance_split__option"),
                     ACTIVITIES_PAGE).get_page(request.GET.get("page"))
    return {"events": selectors.mark_provisional(page, state.publication), "page": page,
            "years": years, "year": year, "query": f"year={year}&" if year else ""}


@require_safe
@public_page
def plan_data(request, org, plan):
    """The plan's open data: its downloads, their licence, and the API."""
    plan = plan_for_reader(request.user, org, plan)
    return render(request, "portal/plan_data.html", _context(
        plan, "data", downloads=downloads_for(plan) if plan.is_published else []))


@require_safe
@public_page
def plan_history(request, org, plan):
    """The record of the plan's modifications (Llei 19/2014, art. 12.5): when, what, and the
    values before and after. Who made each change is not published."""
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_monitoring(plan)
    page = Paginator(selectors.public_changes(plan, state.periods), HISTORY_PAGE).get_page(
        request.GET.get("page"))
    # What changed is worth listing for updates; a creation or deletion changes everything.
    entries = [(change, changed_labels(_model_label(change), change.before, change.after)
                if change.before and change.after else [])
               for change in page]
    return render(request, "portal/plan_history.html", _context(
        plan, "history", page=page, entries=entries))


@require_safe
@public_page
def plan_change(request, org, plan, change_id):
    """One recorded change: each field, before and after."""
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_monitoring(plan)
    change = get_object_or_404(selectors.public_changes(plan, state.periods), pk=change_id)
    return render(request, "portal/plan_change.html", _context(
        plan, "history", change=change,
        rows=snapshot_rows(_model_label(change), change.before, change.after)))


def _model_label(change) -> str:
    return f"{change.content_type.app_label}.{change.content_type.model}"


@require_safe
@public_page
def element_detail(request, org, plan, element):
    """One element: its place, texts, progress in every public period, indicators, budget,
    activities, links and reports."""
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_state(plan)
    page = selectors.element_page(plan, element, state.periods, state.policy)
    if page is None:
        raise Http404
    return render(request, "portal/element.html", _context(
        plan, "elements", state=state, page=page, element=page.element,
        ancestors=page.ancestors, element_tab="overview",
        children=[(child, page.latest.get(child.pk)) for child in page.children],
        progress_chart=presenters.progress_chart(page.history, f"progress-{page.element.pk}"),
        reports=public_years(plan, state) if any(
            child.level.holds_actions for child in page.children) else []))


def _element_context(request, org, plan, slug, tab: str):
    """The plan, its public state and the element (with its place) of an element's page."""
    plan = plan_for_reader(request.user, org, plan)
    state = selectors.public_state(plan)
    found = selectors.element_in_plan(plan, slug)
    if found is None:
        raise Http404
    element, ancestors, subtree = found
    return plan, state, element, subtree, _context(
        plan, "elements", state=state, element=element, ancestors=ancestors,
        element_tab=tab)


@require_safe
@public_page
def element_indicators(request, org, plan, element):
    """The indicators of an element and of the elements under it, and its ratings."""
    plan, state, element, subtree, context = _element_context(request, org, plan, element,
                                                              "indicators")
    indicators = selectors.public_indicators(plan, state.periods, elements=subtree)
    context.update(tables=presenters.indicator_tables(indicators, state.periods),
                   ratings=presenters.rating_tables(plan, [element],
                                                    _rated_period(plan, state)))
    return render(request, "portal/element_indicators.html", context)


@require_safe
@public_page
def element_budget(request, org, plan, element):
    plan, state, element, subtree, context = _element_context(request, org, plan, element,
                                                              "budget")
    year = request.GET.get("year")
    context["views"] = [
        presenters.budget_view(summary, f"budget-{summary.budget.pk}",
                               int(year) if year and year.isdigit() else None, provisional)
        for summary, provisional in selectors.public_budgets(plan, state.publication,
                                                             elements=subtree)]
    return render(request, "portal/element_budget.html", context)


@require_safe
@public_page
def element_activities(request, org, plan, element):
    plan, state, element, subtree, context = _element_context(request, org, plan, element,
                                                              "activities")
    events = selectors.public_events_query(plan, state.publication).filter(
        element__in=subtree)
    context.update(_activities_page(request, events, state))
    return render(request, "portal/element_activities.html", context)


def public_years(plan: Plan, state) -> list[int]:
    """Years whose every period is public: an annual report may be published for them."""
    public = {p.pk for p in state.periods}
    years: dict[int, bool] = {}
    for period in monitoring.periods_of(plan):
        years[period.year] = years.get(period.year, True) and period.pk in public
    return sorted((year for year, ok in years.items() if ok), reverse=True)


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
    tables = presenters.indicator_tables(
        selectors.public_indicators(plan, state.periods), state.periods)
    monitored = [row.element for row in state.figures.monitored] if state.figures else []
    return render(request, "portal/plan_indicators.html", _context(
        plan, "indicators", state=state, tables=tables,
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
    state = selectors.public_monitoring(plan)
    events = selectors.public_events(monitoring.events_of(plan), state.publication)
    years = sorted({event.year for event in events}, reverse=True)
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() and int(year) in years else None
    shown = [event for event in events if year is None or event.year == year]
    return render(request, "portal/plan_activities.html", _context(
        plan, "activities", events=shown, years=years, year=year, total=len(events)))


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
    state = selectors.public_monitoring(plan)
    page = selectors.element_page(plan, element, state.policy, state.periods)
    if page is None:
        raise Http404
    under = _descendants(plan, page.element.pk)
    events = selectors.public_events(
        [e for e in monitoring.events_of(plan) if e.element_id in under], state.publication)
    indicators = [s for s in selectors.public_indicators(plan, state.periods)
                  if s.indicator.element_id in under]
    budgets = [presenters.budget_view(summary, f"budget-{summary.budget.pk}",
                                      provisional_years=provisional)
               for summary, provisional in selectors.public_budgets(
                   plan, state.publication, element=page.element)]
    latest = state.rows
    return render(request, "portal/element.html", _context(
        plan, "elements", state=state, page=page, element=page.element,
        children=[(child, latest.get(child.pk)) for child in page.children],
        progress_chart=presenters.progress_chart(page.history, f"progress-{page.element.pk}"),
        tables=presenters.indicator_tables(indicators, state.periods),
        ratings=presenters.rating_tables(plan, [page.element], _rated_period(plan, state)),
        budgets=budgets, events=events,
        reports=_element_reports(plan, page.element, state)))


def _descendants(plan: Plan, key: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in plan.elements.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [key]
    while stack:
        node = stack.pop()
        found.add(node)
        stack.extend(children.get(node, []))
    return found


def _element_reports(plan: Plan, element, state) -> list[int]:
    """The years of the element's annual monitoring report, when it is a programme."""
    from reports.builders.annual import programmes_of

    if element.pk not in {p.pk for p in programmes_of(plan)}:
        return []
    return public_years(plan, state)


def public_years(plan: Plan, state) -> list[int]:
    """Years whose every period is public: an annual report may be published for them."""
    public = {p.pk for p in state.periods}
    years: dict[int, bool] = {}
    for period in monitoring.periods_of(plan):
        years[period.year] = years.get(period.year, True) and period.pk in public
    return sorted((year for year, ok in years.items() if ok), reverse=True)


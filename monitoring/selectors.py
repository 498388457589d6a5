"""Reads of monitoring data. Each runs a fixed number of queries whatever the size of the
plan: the figures of every element are computed in memory by ``monitoring.calc``."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from budgets import arithmetic
from budgets.models import Budget
from monitoring import calc
from monitoring.models import (
    Event,
    Indicator,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
    Rating,
    RatingScale,
)
from monitoring.services import policy_of
from plans.models import CalendarMark, Element, Plan


@dataclass
class Row:
    """One element in one period, as pages and reports show it."""

    element: Element
    depth: int
    progress: Progress | None
    figure: calc.Figure
    flag: str
    share: Decimal | None = None  # its normalised weight in its parent's roll-up
    monitored: bool = False       # entered directly (an action), not only rolled up
    followed: bool = False        # monitored itself or through something under it

    @property
    def percent(self):
        return calc.round_percent(self.figure.percent)

    @property
    def expected(self):
        return calc.round_percent(self.figure.expected)


@dataclass
class PlanFigures:
    plan: Plan
    policy: MonitoringPolicy
    period: Period
    rows: list[Row]

    def by_element(self) -> dict[int, Row]:
        return {row.element.pk: row for row in self.rows}

    @property
    def monitored(self) -> list[Row]:
        return [row for row in self.rows if row.monitored]

    @property
    def followed(self) -> list[Row]:
        """The rows a monitoring table shows: what is followed and what holds it."""
        return [row for row in self.rows if row.followed or row.figure.has_data]

    def count(self, flag: str) -> int:
        return sum(1 for row in self.monitored if row.flag == flag)

    @property
    def counts(self) -> dict[str, int]:
        return {flag: self.count(flag) for flag in (calc.ON_TRACK, calc.BEHIND, calc.NO_DATA,
                                                    calc.NOT_SCHEDULED)}

    @property
    def behind(self) -> list[Row]:
        return [row for row in self.monitored if row.flag == calc.BEHIND]

    @property
    def lacking_data(self) -> list[Row]:
        return [row for row in self.monitored if row.flag == calc.NO_DATA
                and not (row.progress and row.progress.status == Progress.Status.CANCELLED)]


def periods_of(plan: Plan) -> list[Period]:
    return list(Period.objects.filter(plan=plan).order_by("year", "kind", "number"))


def public_periods(plan: Plan) -> list[Period]:
    """The periods whose monitoring data the public sees: closed ones, or all of them when
    the plan publishes data as soon as it is entered (see ``MonitoringPolicy.publication``).
    Whether the plan itself is published is the caller's gateway."""
    policy = policy_of(plan)
    return [period for period in periods_of(plan) if period.is_public(policy)]


def current_period(periods: list[Period], today=None) -> Period | None:
    """The latest open period that has started; else the latest that has started; else the
    first one."""
    today = today or timezone.localdate()
    started = [p for p in periods if p.starts_on <= today]
    open_started = [p for p in started if not p.is_closed]
    if open_started:
        return max(open_started, key=lambda p: (p.ends_on, p.kind == "year"))
    if started:
        return max(started, key=lambda p: (p.ends_on, p.kind == "year"))
    return periods[0] if periods else None


def plan_figures(plan: Plan, periods: list[Period], *, elements: list[Element] | None = None,
                 root: Element | None = None, policy: MonitoringPolicy | None = None
                 ) -> dict[int, PlanFigures]:
    """Every element's figure in each of ``periods`` (keyed by period id), in four queries
    (fewer when the plan's ``elements`` or its ``policy`` are given). With ``root``, only
    that element and those under it: their figures do not depend on the rest."""
    policy = policy or policy_of(plan)
    if elements is None:
        elements = list(plan.elements.select_related("level").order_by("order", "pk"))
    children: dict[int | None, list[Element]] = defaultdict(list)
    for element in elements:
        children[element.parent_id].append(element)
    action_levels = {e.level_id for e in elements if e.level.holds_actions}
    entries = Progress.objects.filter(period__in=periods, element__plan=plan)
    if root is not None:
        subtree = _subtree(root, children)
        entries = entries.filter(element__in=subtree)
    progress: dict[tuple[int, int], Progress] = {(p.element_id, p.period_id): p
                                                 for p in entries}
    marks: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    if policy.pace == MonitoringPolicy.Pace.SCHEDULED:
        for mark in CalendarMark.objects.filter(element__plan=plan):
            marks[mark.element_id].append((mark.year, mark.quarter))
    return {period.pk: _period_figures(plan, policy, period, children, action_levels,
                                       progress, marks, root)
            for period in periods}


def _subtree(root: Element, children) -> list[int]:
    found, stack = [], [root]
    while stack:
        element = stack.pop()
        found.append(element.pk)
        stack.extend(children[element.pk])
    return found


def _period_figures(plan, policy, period, children, action_levels, progress, marks,
                    root=None) -> PlanFigures:
    at = period.end_point
    linear = calc.expected_linear(start_year=plan.start_year, end_year=plan.end_year, at=at)

    def node(element: Element) -> calc.Node:
        entry = progress.get((element.pk, period.pk))
        expected = linear if policy.pace == MonitoringPolicy.Pace.LINEAR else \
            calc.expected_scheduled(marks[element.pk], at=at)
        return calc.Node(key=element.pk, weight=element.weight,
                         status=entry.status if entry else None,
                         percent=entry.percent if entry else None, expected=expected,
                         children=[node(child) for child in children[element.pk]])

    tops = [root] if root is not None else children[None]
    figures = calc.roll_up([node(element) for element in tops], policy.rollup)
    shares = {key: weight for figure in figures.values() for key, weight in figure.weights.items()}
    rows = []

    def walk(parent_id, depth) -> bool:
        """Append the rows under ``parent_id``; whether any of them is followed."""
        any_followed = False
        for element in children[parent_id]:
            figure = figures[element.pk]
            monitored = (element.level_id in action_levels if action_levels
                         else not children[element.pk])
            row = Row(element=element, depth=depth,
                      progress=progress.get((element.pk, period.pk)), figure=figure,
                      flag=calc.pace_flag(figure.percent, figure.expected, policy.tolerance),
                      share=shares.get(element.pk), monitored=monitored)
            rows.append(row)
            row.followed = walk(element.pk, depth + 1) or monitored
            any_followed = any_followed or row.followed
        return any_followed

    if root is None:
        walk(None, 0)
    else:
        figure = figures[root.pk]
        rows.append(Row(element=root, depth=0, progress=progress.get((root.pk, period.pk)),
                        figure=figure,
                        flag=calc.pace_flag(figure.percent, figure.expected, policy.tolerance),
                        monitored=(root.level_id in action_levels if action_levels
                                   else not children[root.pk])))
        rows[-1].followed = walk(root.pk, 1) or rows[-1].monitored
    return PlanFigures(plan=plan, policy=policy, period=period, rows=rows)


@dataclass
class IndicatorSeries:
    indicator: Indicator
    values: dict[tuple[int, str], IndicatorValue] = field(default_factory=dict)

    def value(self, period: Period, kind: str = "actual") -> IndicatorValue | None:
        return self.values.get((period.pk, kind))

    def over_time(self, periods: list[Period]):
        return calc.aggregate_over_time(
            [v.total if (v := self.value(p)) else None for p in periods],
            self.indicator.time_aggregation)


def indicators_of(plan: Plan, *, element: Element | None = None,
                  elements: list | None = None,
                  periods: list[Period] | None = None,
                  ids: list[int] | None = None) -> list[IndicatorSeries]:
    """Indicators (of one element, several, or the whole plan) with their values (of
    ``periods``, or all) and splits. A fixed number of queries."""
    values = IndicatorValue.objects.select_related("period").prefetch_related("splits__option")
    if periods is not None:
        values = values.filter(period__in=periods)
    queryset = plan.indicators.select_related("element").prefetch_related(
        "categories__options", Prefetch("values", queryset=values))
    if element is not None:
        queryset = queryset.filter(element=element)
    elif elements is not None:
        queryset = queryset.filter(element__in=elements)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    series = []
    for indicator in queryset:
        values = {(v.period_id, v.kind): v for v in indicator.values.all()}
        series.append(IndicatorSeries(indicator=indicator, values=values))
    return series


def rating_distributions(plan: Plan, elements: list[Element], period: Period
                         ) -> list[tuple[RatingScale, dict[int, dict[str, int]]]]:
    """For each scale: {element id: {level key: answers}} in the period. The figure of an
    element with children adds up its descendants' answers (a distribution, not a mean)."""
    scales = list(plan.rating_scales.prefetch_related("levels"))
    ratings = list(Rating.objects.filter(period=period, element__plan=plan)
                   .select_related("level"))
    parents = dict(plan.elements.values_list("pk", "parent_id"))
    result = []
    for scale in scales:
        own: dict[int, dict[str, int]] = defaultdict(dict)
        for rating in ratings:
            if rating.level.scale_id == scale.pk:
                own[rating.element_id][rating.level.key] = rating.count
        totals: dict[int, dict[str, int]] = {}
        for element in elements:
            totals[element.pk] = calc.distribution(
                counts for key, counts in own.items()
                if key == element.pk or _descends(key, element.pk, parents))
        result.append((scale, totals))
    return result


def _descends(key: int, ancestor: int, parents: dict[int, int | None]) -> bool:
    node = parents.get(key)
    while node is not None:
        if node == ancestor:
            return True
        node = parents.get(node)
    return False


def events_of(plan: Plan, *, element: Element | None = None, elements=None,
              year: int | None = None):
    queryset = (Event.objects.filter(plan=plan).select_related("element")
                .prefetch_related("bodies", "organizations", "attendance_split__option"))
    if element is not None:
        queryset = queryset.filter(element=element)
    if elements is not None:
        queryset = queryset.filter(element__in=elements)
    if year is not None:
        queryset = queryset.filter(year=year)
    return list(queryset)


@dataclass
class BudgetSummary:
    budget: Budget
    lines: list
    up_to_year: int

    @property
    def executed_by_year(self):
        return arithmetic.by_year(self.lines, phase=arithmetic.EXECUTED)

    @property
    def accumulated(self):
        return arithmetic.total(self.lines, phase=arithmetic.EXECUTED, up_to_year=self.up_to_year)

    @property
    def executed_this_year(self):
        return arithmetic.total(self.lines, phase=arithmetic.EXECUTED, year=self.up_to_year)

    @property
    def share_of_period_total(self):
        return arithmetic.share_of(self.accumulated, self.budget.period_total)

    @property
    def execution_rate(self):
        return arithmetic.execution_rate(self.lines, year=self.up_to_year)


def budget_summaries(plan: Plan, *, up_to_year: int, element: Element | None = None,
                     elements=None) -> list[BudgetSummary]:
    """The plan's budgets (or one element's) with their totals computed from their lines."""
    queryset = plan.budgets.select_related("element").prefetch_related("lines",
                                                                         "personnel_costs")
    if element is not None:
        queryset = queryset.filter(element=element)
    if elements is not None:
        queryset = queryset.filter(element__in=elements)
    return [BudgetSummary(budget=b, lines=b.arithmetic_lines(), up_to_year=up_to_year)
            for b in queryset]

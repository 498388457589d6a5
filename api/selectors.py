"""Reads of the public API, built on the plans and monitoring selectors.

Each runs a fixed number of queries whatever the size of the plan: lists are read whole with
their relations prefetched (or read for one page, when the page is known first), and the
figures are computed in memory by ``monitoring.selectors``.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from budgets import arithmetic
from budgets.models import Budget
from monitoring import calc
from monitoring import selectors as monitoring
from monitoring.models import Event, MonitoringPolicy, Period, Progress, Rating, RatingScale
from monitoring.publication import Publication, Visibility
from organizations.models import Organization
from plans import selectors as plan_selectors
from plans.models import Element, Link, Plan
from plans.selectors import plan_tree, published_plans

# Organisations and plans ----------------------------------------------------------------------


def organizations():
    return (Organization.objects.select_related("parent")
            .prefetch_related("networks", "members").order_by("name", "pk"))


def plans(*, organization_slug: str | None = None):
    """Published plans, of one organisation when asked."""
    queryset = published_plans().select_related("parent__organization").order_by(
        "organization__name", "-start_year", "title", "pk")
    if organization_slug:
        queryset = queryset.filter(organization__slug=organization_slug)
    return queryset


def plan_detail(plan: Plan) -> Plan:
    """Prefetch what the plan's own representation shows. Three queries."""
    prefetch_related_objects([plan], "levels__parent", "sections")
    return plan


# Elements -------------------------------------------------------------------------------------

def elements_in_tree_order(plan: Plan) -> list[Element]:
    """Every element of the plan, parents before children and siblings in their order, each
    with ``depth`` set and its parent and bodies at hand. Three queries (``plan_tree``)."""
    flat: list[Element] = []

    def walk(nodes, parent=None):
        for node in nodes:
            element = node.element
            element.depth = node.depth
            if parent is not None:
                element.parent = parent  # already read: no query per element
            flat.append(element)
            walk(node.children, element)

    for group in plan_tree(plan):
        walk(group.nodes)
    return flat


LINK_PREFETCHES = (
    Prefetch("links_out", queryset=Link.objects.select_related("target__plan__organization")),
    Prefetch("links_in", queryset=Link.objects.select_related("source__plan__organization")),
)


def with_relations(elements: list[Element]) -> list[Element]:
    """Read the calendar, terms and links of ``elements`` (a page of them). Four queries."""
    prefetch_related_objects(elements, "calendar", "terms", *LINK_PREFETCHES)
    return elements


def published_links_out(element: Element) -> list[Link]:
    """Links to elements of published plans only: a draft is nobody else's business."""
    return [link for link in element.links_out.all() if link.target.plan.is_published]


def published_links_in(element: Element) -> list[Link]:
    return [link for link in element.links_in.all() if link.source.plan.is_published]


def element_detail(plan: Plan, slug: str) -> Element | None:
    """One element with its relations, ancestors, children and text sections (through
    ``plans.selectors.element_detail``). Ten queries, whatever the depth of the tree."""
    elements = {e.pk: e for e in plan.elements.order_by("order", "pk")}
    found = next((e for e in elements.values() if e.slug == slug), None)
    if found is None:
        return None
    element = plan_selectors.element_detail(plan, found.pk)
    ancestors, parent = [], elements.get(element.parent_id)
    while parent is not None:
        ancestors.insert(0, parent)
        parent = elements.get(parent.parent_id)
    element.ancestors = ancestors
    element.depth = len(ancestors)
    return element


# Monitoring -----------------------------------------------------------------------------------

@dataclass
class ProgressRow:
    """One element in one period: its entry (if any) and its figure as pages show it."""

    period: Period
    row: monitoring.Row
    policy: MonitoringPolicy

    @property
    def element(self) -> Element:
        return self.row.element

    @property
    def progress(self) -> Progress | None:
        return self.row.progress

    @property
    def provisional(self) -> bool:
        return not self.period.is_closed


def progress_rows(plan: Plan, periods: list[Period], *, element: Element | None = None,
                  followed_only: bool = True) -> list[ProgressRow]:
    """Every element's figure in each of ``periods``, oldest period first; by default only
    what a monitoring table shows (what is followed, or has data). Five queries."""
    figures = monitoring.plan_figures(plan, periods)
    rows = []
    for period in periods:
        plan_figures = figures[period.pk]
        candidates = plan_figures.followed if followed_only else plan_figures.rows
        for row in candidates:
            if element is None or row.element.pk == element.pk:
                rows.append(ProgressRow(period=period, row=row, policy=plan_figures.policy))
    prefetch_related_objects([r.progress for r in rows if r.progress is not None], "bodies")
    return rows


def public_indicators(plan: Plan, periods: list[Period], *, element: Element | None = None):
    """Indicator series with the values of ``periods`` only (the public ones)."""
    allowed = {period.pk for period in periods}
    series = monitoring.indicators_of(plan, element=element)
    for item in series:
        item.values = {key: value for key, value in item.values.items() if key[0] in allowed}
    return series


@dataclass
class RatingRow:
    """The answers an element got on one scale in one period: its own and those of the
    elements under it, added up as a distribution (never averaged)."""

    element: Element
    period: Period
    scale: RatingScale
    counts: dict[str, int]
    entered: bool  # it has answers of its own, not only those of the elements under it

    @property
    def provisional(self) -> bool:
        return not self.period.is_closed

    @property
    def distribution(self) -> list[dict]:
        return [{"level": level.key, "name": level.name, "count": self.counts.get(level.key, 0)}
                for level in self.scale.levels.all()]

    @property
    def answers(self) -> int:
        return sum(self.counts.values())


def rating_rows(plan: Plan, periods: list[Period], *, element: Element | None = None
                ) -> list[RatingRow]:
    """Every element's rating distributions in ``periods``, period by period, scale by scale,
    elements in tree order. Four queries."""
    scales = list(plan.rating_scales.prefetch_related("levels"))
    if not scales or not periods:
        return []
    elements = list(plan.elements.order_by("order", "pk"))
    parents = {e.pk: e.parent_id for e in elements}
    own: dict[tuple[int, int, int], dict[str, int]] = defaultdict(dict)
    for rating in Rating.objects.filter(period__in=periods, element__plan=plan).select_related(
            "level"):
        own[(rating.period_id, rating.level.scale_id, rating.element_id)][rating.level.key] = \
            rating.count
    gathered: dict[tuple[int, int, int], list[dict[str, int]]] = defaultdict(list)
    for (period_id, scale_id, element_id), counts in own.items():
        node = element_id
        while node is not None:
            gathered[(period_id, scale_id, node)].append(counts)
            node = parents.get(node)
    ordered = _tree_order(elements)
    return [RatingRow(element=e, period=period, scale=scale,
                      counts=calc.distribution(gathered[(period.pk, scale.pk, e.pk)]),
                      entered=(period.pk, scale.pk, e.pk) in own)
            for period in periods for scale in scales for e in ordered
            if (period.pk, scale.pk, e.pk) in gathered and (element is None or e == element)]


def _tree_order(elements: list[Element]) -> list[Element]:
    children: dict[int | None, list[Element]] = defaultdict(list)
    for e in elements:
        children[e.parent_id].append(e)
    ordered: list[Element] = []

    def walk(parent_id):
        for e in children[parent_id]:
            ordered.append(e)
            walk(e.pk)

    walk(None)
    return ordered


# Budgets and activities ----------------------------------------------------------------------
#
# What the public sees of them follows the open data downloads (``monitoring.publication``):
# planned amounts are published with the plan; executed amounts with the monitoring data of
# their year; an activity with the period that holds its date (or its whole year).


def publication_of(plan: Plan) -> Publication:
    return Publication.of(monitoring.public_periods(plan))


def line_visibility(line, publication: Publication) -> Visibility:
    """Of a budget line or a personnel cost."""
    if line.phase != arithmetic.EXECUTED:
        return Visibility.FINAL
    return publication.of_year(line.year)


def event_visibility(event, publication: Publication) -> Visibility:
    return publication.of_date(event.date) if event.date else publication.of_year(event.year)


@dataclass
class PublicBudget:
    """A budget with only the lines the public sees, and its totals computed from them."""

    budget: Budget
    lines: list
    personnel_costs: list
    publication: Publication

    @property
    def arithmetic_lines(self) -> list[arithmetic.Line]:
        return [arithmetic.Line(item.year, item.chapter, item.phase, item.amount)
                for item in [*self.lines, *self.personnel_costs]]

    def executed_is_public(self, year: int) -> bool:
        return self.publication.of_year(year).is_public


def public_budgets(plan: Plan, *, element: Element | None = None) -> list[PublicBudget]:
    """The plan's budgets (or one element's), the plan's own first. Five queries."""
    publication = publication_of(plan)
    summaries = monitoring.budget_summaries(plan, up_to_year=plan.end_year, element=element)
    summaries.sort(key=lambda s: (s.budget.element_id is not None, s.budget.pk))
    return [PublicBudget(
        budget=s.budget, publication=publication,
        lines=[line for line in s.budget.lines.all()
               if line_visibility(line, publication).is_public],
        personnel_costs=[cost for cost in s.budget.personnel_costs.all()
                         if line_visibility(cost, publication).is_public])
        for s in summaries]


def public_events(plan: Plan, *, element: Element | None = None, year: int | None = None
                  ) -> tuple[list[Event], Publication]:
    """Activities whose time the public periods cover, in date order. Seven queries."""
    publication = publication_of(plan)
    events = [event for event in monitoring.events_of(plan, element=element, year=year)
              if event_visibility(event, publication).is_public]
    prefetch_related_objects(events, "attendance_split__option__category")
    return events, publication

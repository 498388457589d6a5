"""Reads for the public portal. Plans come through the gateway (published plans, or a draft
previewed by its own people); of their monitoring, only the periods the plan publishes are
read. Each read runs a fixed number of queries, whatever the size of the plan."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Prefetch, Q, prefetch_related_objects
from django.urls import reverse

from budgets.models import BudgetLine, PersonnelCost, Phase
from history.models import Change
from monitoring import selectors as monitoring
from monitoring.models import (
    Event,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
    Rating,
)
from monitoring.publication import Publication, Visibility
from monitoring.services import policy_of
from organizations.models import Body
from plans.models import Element, ElementBody, Level, Link, Plan, Term
from plans.selectors import plan_tree

# Periods ------------------------------------------------------------------------------------

@dataclass
class PublicMonitoring:
    """A plan's public periods, the one chosen, and the figures of every element in it."""

    policy: MonitoringPolicy
    periods: list[Period]
    period: Period | None
    figures: monitoring.PlanFigures | None

    @property
    def rows(self) -> dict[int, monitoring.Row]:
        return self.figures.by_element() if self.figures else {}

    @property
    def provisional(self) -> bool:
        return self.period is not None and not self.period.is_closed

    @property
    def publication(self) -> Publication:
        return Publication.of(self.periods)


def public_state(plan: Plan) -> PublicMonitoring:
    """The public periods and the policy, without any figure (two queries)."""
    policy = policy_of(plan)
    periods = [p for p in monitoring.periods_of(plan) if p.is_public(policy)]
    return PublicMonitoring(policy=policy, periods=periods,
                            period=periods[-1] if periods else None, figures=None)


def public_monitoring(plan: Plan, period_slug: str | None = None) -> PublicMonitoring:
    """The chosen public period (by its slug, else the latest one with progress entered, else
    the latest one) with every element's figure in it."""
    policy = policy_of(plan)
    periods = [p for p in monitoring.periods_of(plan) if p.is_public(policy)]
    period = next((p for p in periods if p.slug == period_slug), None)
    if period is None and periods:
        with_data = set(Progress.objects.filter(period__in=periods)
                        .values_list("period_id", flat=True).distinct())
        period = max((p for p in periods if p.pk in with_data),
                     key=lambda p: (p.ends_on, p.kind == "year"), default=None) or periods[-1]
    figures = monitoring.plan_figures(plan, [period])[period.pk] if period else None
    return PublicMonitoring(policy=policy, periods=periods, period=period, figures=figures)


# The tree with its figures ------------------------------------------------------------------

@dataclass
class TreeRow:
    element: Element
    depth: int
    row: monitoring.Row | None
    url: str = ""


def element_urls(plan: Plan):
    """A function slug → the element's public address, reversing the URL only once."""
    marker = "element-slug-marker"
    base = reverse("portal:element", args=[plan.organization.slug, plan.slug, marker])
    return lambda slug: base.replace(marker, slug)


@dataclass
class TreeGroup:
    level: Level
    rows: list[TreeRow]

    @property
    def has_figures(self) -> bool:
        """Whether anything in the group is followed: else it is shown as structure only."""
        return any(item.row and (item.row.followed or item.row.figure.has_data)
                   for item in self.rows)

    @property
    def has_shares(self) -> bool:
        return any(item.row and item.row.share is not None for item in self.rows)


def tree_with_figures(plan: Plan, state: PublicMonitoring) -> list[TreeGroup]:
    """Each root level's elements, depth first, with their figure in the chosen period."""
    rows = state.rows
    url = element_urls(plan)
    groups = []
    for group in plan_tree(plan, with_bodies=False):
        flat: list[TreeRow] = []

        def walk(nodes, flat=flat):
            for node in nodes:
                flat.append(TreeRow(element=node.element, depth=node.depth,
                                    row=rows.get(node.element.pk), url=url(node.element.slug)))
                walk(node.children)

        walk(group.nodes)
        groups.append(TreeGroup(level=group.level, rows=flat))
    return groups


# One element --------------------------------------------------------------------------------

LINKS_SHOWN = 60


@dataclass
class ElementPage:
    element: Element
    ancestors: list[Element]
    children: list[Element]
    history: list[tuple[Period, monitoring.Row]]  # its figure in every public period
    latest: dict[int, monitoring.Row]             # its subtree's figures in the last one
    links_out: list[Link]
    links_in: list[Link]
    links_in_count: int
    responsible: list[Body]
    involved: list[Body]
    terms: dict[str, list[Term]] = field(default_factory=dict)


def _published_link(link: Link, other: Element) -> bool:
    return other.plan.status in Plan.PUBLISHED_STATUSES


def element_in_plan(plan: Plan, slug: str):
    """The element, its ancestors (top first) and the ids of its subtree, from one read of
    the plan's elements; None when the plan has no such element."""
    elements = {e.pk: e for e in plan.elements.select_related("level").order_by("order", "pk")}
    element = next((e for e in elements.values() if e.slug == slug), None)
    if element is None:
        return None
    ancestors, parent = [], elements.get(element.parent_id)
    while parent is not None:
        ancestors.insert(0, parent)
        parent = elements.get(parent.parent_id)
    children: dict[int | None, list[int]] = defaultdict(list)
    for item in elements.values():
        children[item.parent_id].append(item.pk)
    subtree, stack = set(), [element.pk]
    while stack:
        key = stack.pop()
        subtree.add(key)
        stack.extend(children[key])
    return element, ancestors, subtree


def element_page(plan: Plan, slug: str, periods: list[Period],
                 policy: MonitoringPolicy) -> ElementPage | None:
    """Everything the overview of one element shows, in a fixed number of queries: the plan's
    elements are read once, the figures of its subtree computed once for every public
    period, and of what links to it (a network's line may gather thousands) only the first
    ones are read."""
    elements = list(plan.elements.select_related("level").order_by("order", "pk"))
    element = next((e for e in elements if e.slug == slug), None)
    if element is None:
        return None
    prefetch_related_objects(
        [element], "terms", "calendar", "sections",
        Prefetch("element_bodies", queryset=ElementBody.objects.select_related("body")),
        Prefetch("links_out", queryset=Link.objects.select_related(
            "target__plan__organization", "target__level")))
    by_id = {e.pk: e for e in elements}
    ancestors, parent = [], by_id.get(element.parent_id)
    while parent is not None:
        ancestors.insert(0, parent)
        parent = by_id.get(parent.parent_id)
    children = [e for e in elements if e.parent_id == element.pk]
    figures = monitoring.plan_figures(plan, periods, elements=elements, root=element,
                                      policy=policy)
    history = [(period, figures[period.pk].by_element()[element.pk]) for period in periods]
    entries = {p.pk: p for p in Progress.objects.filter(element=element, period__in=periods)
               .prefetch_related("bodies")}
    for _period, row in history:
        if row.progress is not None:
            row.progress = entries.get(row.progress.pk, row.progress)
    terms: dict[str, list[Term]] = defaultdict(list)
    for term in element.terms.all():
        terms[term.vocabulary].append(term)
    bodies = list(element.element_bodies.all())
    published_in = Link.objects.filter(target=element,
                                       source__plan__status__in=Plan.PUBLISHED_STATUSES)
    links_in = list(published_in.select_related("source__plan__organization", "source__level")
                    .order_by("source__plan__organization__name", "order",
                              "pk")[:LINKS_SHOWN + 1])
    return ElementPage(
        element=element, ancestors=ancestors, children=children, history=history,
        latest=figures[periods[-1].pk].by_element() if periods else {},
        links_out=[link for link in element.links_out.all()
                   if _published_link(link, link.target)],
        links_in=links_in[:LINKS_SHOWN],
        links_in_count=(published_in.count() if len(links_in) > LINKS_SHOWN
                        else len(links_in)),
        responsible=[eb.body for eb in bodies if eb.role == ElementBody.Role.RESPONSIBLE],
        involved=[eb.body for eb in bodies if eb.role == ElementBody.Role.INVOLVED],
        terms=dict(terms))


def public_indicators(plan: Plan, periods: list[Period], *, elements: list | None = None):
    """Indicator series (of the plan, or of some elements) with the values of public periods
    only."""
    return monitoring.indicators_of(plan, elements=elements, periods=periods)


# Search and filters -------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case without accents, so that "accio" finds "Acció"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class Filters:
    q: str = ""
    line: int | None = None
    body: int | None = None
    status: str = ""
    scope: int | None = None
    year: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.line or self.body or self.status or self.scope or self.year)


@dataclass
class FilterChoices:
    lines: list[Element]
    bodies: list[Body]
    scopes: list[Term]
    years: list[int]


NO_DATA = "no_data"


def filter_choices(plan: Plan, elements: list[Element]) -> FilterChoices:
    """What the filters of a plan offer: the elements that hold others (lines, objectives…),
    the bodies that take part, the thematic scopes, the years of the calendar."""
    holding = {e.parent_id for e in elements if e.parent_id}
    linked = {link.target_id for e in elements for link in e.links_out.all()}
    bodies = {eb.body.pk: eb.body for e in elements for eb in e.element_bodies.all()}
    scopes = {t.pk: t for e in elements for t in e.terms.all()
              if t.vocabulary == Term.Vocabulary.THEMATIC_SCOPE}
    years = {mark.year for e in elements for mark in e.calendar.all()}
    return FilterChoices(
        lines=[e for e in elements if e.pk in holding or e.pk in linked],
        bodies=sorted(bodies.values(), key=lambda b: fold(b.label)),
        scopes=sorted(scopes.values(), key=lambda t: (t.order, fold(t.name))),
        years=sorted(years) or list(range(plan.start_year, plan.end_year + 1)))


def plan_elements(plan: Plan) -> list[Element]:
    """Every element, in the order of the tree (depth first), with what the filters look at.
    Six queries."""
    elements = list(plan.elements.select_related("level").prefetch_related(
        "terms", "calendar", "links_out",
        Prefetch("element_bodies", queryset=ElementBody.objects.select_related("body")))
        .order_by("order", "pk"))
    children: dict[int | None, list[Element]] = defaultdict(list)
    for element in elements:
        children[element.parent_id].append(element)
    ordered: list[Element] = []
    stack = list(reversed(children[None]))
    while stack:
        element = stack.pop()
        ordered.append(element)
        stack.extend(reversed(children[element.pk]))
    return ordered


def filter_elements(elements: list[Element], filters: Filters,
                    rows: dict[int, monitoring.Row]) -> list[Element]:
    """The elements that match every filter given. A line matches what hangs under it and what
    contributes to it (or to anything under it)."""
    by_parent: dict[int | None, list[int]] = defaultdict(list)
    for element in elements:
        by_parent[element.parent_id].append(element.pk)
    within: set[int] | None = None
    if filters.line:
        within, stack = set(), [filters.line]
        while stack:
            key = stack.pop()
            within.add(key)
            stack.extend(by_parent[key])
        contributing = {e.pk for e in elements
                        if any(link.target_id in within for link in e.links_out.all())}
        stack = list(contributing)
        while stack:
            key = stack.pop()
            within.add(key)
            stack.extend(by_parent[key])
        within.discard(filters.line)
    words = fold(filters.q).split()
    result = []
    for element in elements:
        if within is not None and element.pk not in within:
            continue
        if words:
            text = fold(f"{element.code} {element.title} {element.description}")
            if not all(word in text for word in words):
                continue
        if filters.body and not any(eb.body_id == filters.body
                                    for eb in element.element_bodies.all()):
            continue
        if filters.scope and not any(t.pk == filters.scope for t in element.terms.all()):
            continue
        if filters.year and not any(m.year == filters.year for m in element.calendar.all()):
            continue
        if filters.status:
            row = rows.get(element.pk)
            status = row.progress.status if row and row.progress else None
            if filters.status == NO_DATA:
                if not row or not row.monitored or row.figure.has_data:
                    continue
            elif status != filters.status:
                continue
        result.append(element)
    return result


SEARCH_LIMIT = 100


def search_published(q: str, limit: int = SEARCH_LIMIT) -> tuple[list[Plan], list[Element]]:
    """Published plans and their elements whose words match every word of ``q``, ignoring
    accents and case. On PostgreSQL the database does the matching (unaccent); elsewhere
    (a small local installation) it is done here."""
    words = fold(q).split()
    if not words:
        return [], []
    plans = list(Plan.objects.filter(status__in=Plan.PUBLISHED_STATUSES)
                 .select_related("organization").order_by("organization__name", "-start_year"))
    matching_plans = [p for p in plans
                      if all(w in fold(f"{p.title} {p.organization.name}") for w in words)]
    plans_by_id = {p.pk: p for p in plans}
    queryset = (Element.objects.filter(plan__status__in=Plan.PUBLISHED_STATUSES)
                .select_related("level").order_by("plan_id", "order", "pk"))
    if connection.vendor == "postgresql":
        for word in words:
            queryset = queryset.filter(Q(code__unaccent__icontains=word)
                                       | Q(title__unaccent__icontains=word)
                                       | Q(description__unaccent__icontains=word))
        elements = list(queryset[:limit])
    else:
        elements = []
        for element in queryset.iterator():
            text = fold(f"{element.code} {element.title} {element.description}")
            if all(w in text for w in words):
                elements.append(element)
                if len(elements) >= limit:
                    break
    for element in elements:
        element.plan = plans_by_id[element.plan_id]
    return matching_plans, elements


# Activities and money: public by the time they belong to ------------------------------------

def event_visibility(publication: Publication, event: Event) -> Visibility:
    return publication.of_date(event.date) if event.date else publication.of_year(event.year)


def public_events_query(plan: Plan, publication: Publication):
    """The plan's public activities as a query (so that a page of them can be read alone):
    dated ones in the months public periods cover, and of a whole year when the public
    periods cover it all."""
    public = Q(pk__in=[])
    for year, months in publication.public_months.items():
        if publication.of_year(year).is_public:
            public |= Q(year=year)
        else:
            public |= Q(date__year=year, date__month__in=sorted(months))
    return (Event.objects.filter(plan=plan).filter(public).select_related("element")
            .order_by("year", F("date").asc(nulls_last=True), "pk"))


def mark_provisional(events, publication: Publication) -> list[Event]:
    events = list(events)
    for event in events:
        event.provisional = event_visibility(publication, event).is_provisional
    return events


def public_events(events: list[Event], publication: Publication) -> list[Event]:
    """The activities whose date (or whole year) lies in public periods; each marked with
    ``provisional`` when part of that time is still open."""
    shown = []
    for event in events:
        visibility = event_visibility(publication, event)
        if visibility.is_public:
            event.provisional = visibility.is_provisional
            shown.append(event)
    return shown


def public_budgets(plan: Plan, publication: Publication, *, element: Element | None = None,
                   elements=None) -> list[tuple[monitoring.BudgetSummary, set[int]]]:
    """The budgets with executed amounts only for the years the public periods cover (and the
    years among them still provisional); initial and definitive credits are planning figures,
    published with the plan."""
    result = []
    for summary in monitoring.budget_summaries(plan, up_to_year=plan.end_year,
                                               element=element, elements=elements):
        summary.lines = [line for line in summary.lines
                         if line.phase != Phase.EXECUTED
                         or publication.of_year(line.year).is_public]
        provisional = {line.year for line in summary.lines if line.phase == Phase.EXECUTED
                       and publication.of_year(line.year).is_provisional}
        result.append((summary, provisional))
    return result


# History ------------------------------------------------------------------------------------

def public_changes(plan: Plan, periods: list[Period]):
    """The plan's recorded changes as the public sees them: everything but the monitoring
    records whose time is not public yet — entries of periods not public, and activities and
    executed amounts of years the public periods do not cover whole (an activity dated in a
    public quarter of such a year shows on the pages but not here). Who made a change is not
    shown publicly."""
    types = ContentType.objects.get_for_models(Progress, IndicatorValue, Rating, Event,
                                               BudgetLine, PersonnelCost)
    public = [p.pk for p in periods]
    publication = Publication.of(periods)
    years = [year for year in publication.public_months
             if publication.of_year(year).is_public]
    of_public_period = Q(after__period__in=public) | Q(before__period__in=public)
    of_public_year = Q(after__year__in=years) | Q(before__year__in=years)
    planned = (Q(after__phase__in=[Phase.INITIAL, Phase.DEFINITIVE])
               | Q(before__phase__in=[Phase.INITIAL, Phase.DEFINITIVE]))
    hidden = (
        (Q(content_type__in=[types[Progress], types[IndicatorValue], types[Rating]])
         & ~of_public_period)
        | (Q(content_type=types[Event]) & ~of_public_year)
        | (Q(content_type__in=[types[BudgetLine], types[PersonnelCost]])
           & ~of_public_year & ~planned))
    return (Change.objects.filter(plan=plan).exclude(hidden).select_related("content_type")
            .order_by("-at", "-pk"))

"""The annual monitoring report of a programme (“Informe anual de seguiment”).

Its structure is the one Terrassa's technicians write by hand each year: the programme's
place in the plan, its types of action, calendar, services involved and budget; then the
execution of each action against the expected pace, the state of deployment, the quantitative
results (split by sex) and the qualitative ones (activities, grouped and dated), and what is
foreseen for the next year. Every figure comes from the data; a missing one reads “no data”.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from budgets import arithmetic
from budgets.models import Chapter
from monitoring import calc, selectors
from monitoring.models import Event, MonitoringPolicy
from monitoring.services import policy_of
from plans.models import Element, ElementBody, Plan
from plans.selectors import element_ancestors
from reports.builders.common import (
    amount,
    cell,
    closing_period,
    figure_with_split,
    money,
    percent,
    periods_of_year,
    rich,
    when,
)
from reports.model import (
    BulletList,
    Chart,
    Contents,
    Document,
    Heading,
    ListItem,
    Note,
    Paragraph,
    Run,
    Series,
    Table,
    runs,
)

FLAGS = {
    calc.ON_TRACK: lambda: _("On track"),
    calc.BEHIND: lambda: _("Behind"),
    calc.NO_DATA: lambda: _("No data"),
    calc.NOT_SCHEDULED: lambda: _("No expected pace"),
}


def programmes_of(plan: Plan) -> list[Element]:
    """The elements an annual report is written for: those whose children are actions."""
    levels = list(plan.levels.all())
    parents_of_actions = {lv.parent_id for lv in levels if lv.holds_actions and lv.parent_id}
    return list(plan.elements.filter(level_id__in=parents_of_actions)
                .select_related("level").order_by("order", "pk"))


@dataclass
class AnnualData:
    plan: Plan
    programme: Element
    year: int
    actions: list[Element]
    ancestors: list[Element]
    policy: MonitoringPolicy
    figures: selectors.PlanFigures | None
    indicators: dict[int, list[selectors.IndicatorSeries]]
    year_periods: list
    events: dict[int, list[Event]]
    budget: selectors.BudgetSummary | None
    involved: list


def gather(plan: Plan, programme: Element, year: int) -> AnnualData:
    """Everything the report shows, read with a fixed number of queries."""
    actions = list(
        programme.children.select_related("level").prefetch_related(
            "terms", "calendar",
            Prefetch("element_bodies", queryset=ElementBody.objects.select_related("body")))
        .order_by("order", "pk"))
    periods = selectors.periods_of(plan)
    period = closing_period(periods, year)
    figures = selectors.plan_figures(plan, [period])[period.pk] if period else None
    elements = [programme, *actions]
    indicators: dict[int, list] = defaultdict(list)
    for series in selectors.indicators_of(plan, elements=elements):
        indicators[series.indicator.element_id].append(series)
    events: dict[int, list] = defaultdict(list)
    for event in (Event.objects.filter(plan=plan, year=year, element__in=elements)
                  .prefetch_related("bodies", "organizations", "attendance_split__option")
                  .order_by(F("date").asc(nulls_last=True), "pk")):
        events[event.element_id].append(event)
    budgets = selectors.budget_summaries(plan, element=programme, up_to_year=year)
    involved = [eb.body for eb in programme.element_bodies.select_related("body")
                if eb.role == ElementBody.Role.INVOLVED]
    return AnnualData(plan=plan, programme=programme, year=year, actions=actions,
                      ancestors=element_ancestors(programme), policy=policy_of(plan),
                      figures=figures, indicators=indicators,
                      year_periods=periods_of_year(periods, year), events=events,
                      budget=budgets[0] if budgets else None, involved=involved)


def build(plan: Plan, programme: Element, year: int, language: str = "ca") -> Document:
    data = gather(plan, programme, year)
    with override(language):
        return AnnualReport(data, language).document()


class AnnualReport:
    def __init__(self, data: AnnualData, language: str):
        self.data = data
        self.language = language
        self.blocks: list = []
        self.notes = 0

    def heading(self, level: int, number: str, text: str) -> None:
        anchor = "s-" + number.replace(".", "-") if number else ""
        self.blocks.append(Heading(level=level, text=text, numbered=number, anchor=anchor))

    def document(self) -> Document:
        data = self.data
        programme, plan = data.programme, data.plan
        self.blocks.append(Contents(title=_("Contents")))
        self.heading(1, "1", _("Structure and classification of the programme's actions"))
        self.place_in_plan()
        self.types()
        self.calendar()
        self.units()
        self.budget()
        self.heading(1, "2", _("Monitoring of the programme"))
        self.execution()
        self.deployment()
        self.results()
        self.next_year()
        return Document(
            title=_("Annual monitoring report of %(programme)s (%(year)s)")
            % {"programme": programme.title, "year": data.year},
            subtitle=plan.title, language=self.language, blocks=self.blocks,
            header=f"{plan.title} · {programme.title} · {data.year}",
            author=plan.organization.name,
            footer=_("Generated by Teixit from the plan's data."))

    # 1. Structure ---------------------------------------------------------------------------

    def place_in_plan(self) -> None:
        data = self.data
        self.heading(2, "1.1", _("Strategic axes and objectives"))
        for ancestor in data.ancestors:
            self.blocks.append(Paragraph(runs(
                _("%(level)s within which the programme %(programme)s sits: ")
                % {"programme": data.programme.title, "level": ancestor.level.name},
                Run(ancestor.title, bold=True))))
            self.blocks.extend(rich(ancestor.description))
        self.blocks.extend(rich(data.programme.description))

    def types(self) -> None:
        self.heading(2, "1.2", _("Types of action foreseen in %(start)s–%(end)s")
                     % {"start": self.data.plan.start_year, "end": self.data.plan.end_year})
        rows = []
        for action in self.data.actions:
            types = ", ".join(t.name for t in action.terms_of("action_type")) or "—"
            rows.append([cell(types), [Paragraph([Run(action.title, bold=True)]),
                                       *rich(action.description)]])
        self.blocks.append(Table(header=[_("Type"), _("Action")], rows=rows, widths=[1, 5]))

    def calendar(self) -> None:
        plan = self.data.plan
        years = list(plan.years)
        self.heading(2, "1.3", _("Implementation calendar %(start)s–%(end)s")
                     % {"start": plan.start_year, "end": plan.end_year})
        rows = []
        for action in self.data.actions:
            marks = defaultdict(list)
            for mark in action.calendar.all():
                marks[mark.year].append(mark.quarter)
            row = [cell(action.title)]
            for year in years:
                quarters = marks.get(year)
                if quarters is None:
                    row.append(cell(""))
                elif None in quarters:
                    row.append(cell("X"))
                else:
                    row.append(cell(" ".join(f"T{q}" for q in sorted(quarters))))
            rows.append(row)
        self.blocks.append(Table(header=[_("Action"), *map(str, years)], rows=rows,
                                 row_headers=True, widths=[3] + [1] * len(years),
                                 caption=_("Schedule of the programme %(programme)s")
                                 % {"programme": self.data.programme.title}))

    def units(self) -> None:
        self.heading(2, "1.4", _("Services, areas, other administrations and projects "
                                 "involved"))
        if self.data.involved:
            self.blocks.append(Paragraph([Run(", ".join(b.name for b in self.data.involved)
                                              + ".")]))
        else:
            self.blocks.append(Paragraph([Run(_("no data"))]))

    def budget(self) -> None:
        data = self.data
        plan, year = data.plan, data.year
        self.heading(2, "1.5", _("Budget allocation"))
        summary = data.budget
        if summary is None:
            self.blocks.append(Paragraph([Run(_("No budget is recorded for the programme: no "
                                                "data."))]))
            return
        lines = summary.lines
        executed = arithmetic.by_year(lines, phase=arithmetic.EXECUTED)
        rows = [
            [cell(_("Total budget %(start)s–%(end)s") % {"start": plan.start_year,
                                                           "end": plan.end_year}),
             cell(money(summary.budget.period_total))],
            [cell(_("Accumulated budget %(start)s–%(year)s") % {"start": plan.start_year,
                                                                  "year": year}),
             cell(money(summary.accumulated))],
        ]
        for each in range(plan.start_year, year + 1):
            rows.append([cell(_("Budget executed in %(year)s") % {"year": each}),
                         cell(money(executed.get(each)))])
        costs = [c for c in summary.budget.personnel_costs.all() if c.year == year
                 and c.phase == arithmetic.EXECUTED]
        plain = [line for line in summary.budget.lines.all() if line.year == year
                 and line.phase == arithmetic.EXECUTED]
        by_chapter: dict = defaultdict(lambda: 0)
        for line in plain:
            by_chapter[line.chapter] += line.amount
        for chapter, value in sorted(by_chapter.items(), key=lambda i: (i[0] is None, i[0])):
            name = Chapter(chapter).label if chapter else _("not split by chapter")
            rows.append([cell(_("Budget executed in %(year)s, %(chapter)s")
                              % {"year": year, "chapter": name}),
                         cell(money(arithmetic.money(value)))])
        for cost in costs:
            rows.append([[Paragraph(runs(
                _("Budget executed in %(year)s, personnel co-financing (%(chapter)s)")
                % {"year": year, "chapter": Chapter(cost.chapter).label}, Run(" ¹")))],
                cell(money(cost.amount))])
        rows.append([cell(_("Total executed in %(year)s") % {"year": year}, bold=True),
                     cell(money(summary.executed_this_year), bold=True)])
        if summary.budget.period_total:
            rows.append([cell(_("Accumulated share of the period's budget")),
                         cell(percent(summary.share_of_period_total))])
        rate = arithmetic.execution_rate(lines, year=year)
        if rate is not None:
            rows.append([cell(_("Execution rate in %(year)s (of the credit)") % {"year": year}),
                         cell(percent(rate))])
        self.blocks.append(Table(header=[_("Concept"), _("Amount")], rows=rows,
                                 numeric=frozenset({1}), row_headers=True, widths=[4, 2],
                                 caption=_("Budget of %(programme)s")
                                 % {"programme": data.programme.title}))
        for cost in costs:
            self.blocks.append(Note(runs(
                _("Personnel co-financing is a proportional calculation of the yearly hours "
                  "of work devoted to it."),
                f" ({amount(cost.hours)} h × {money(cost.hourly_cost)}/h)"), marker="¹"))
            break
        years = list(range(plan.start_year, year + 1))
        values = [executed.get(y) for y in years]
        self.blocks.append(Chart(
            title=_("Budget executed per year"), categories=[str(y) for y in years],
            series=[Series(name=_("Executed"),
                           values=[float(v) if v is not None else None for v in values],
                           labels=[money(v) for v in values])],
            description=_("Budget executed per year: %(values)s.") % {
                "values": "; ".join(f"{y}: {money(v)}" for y, v in zip(years, values,
                                                                         strict=True))}))

    # 2. Monitoring --------------------------------------------------------------------------

    def row(self, element: Element):
        if self.data.figures is None:
            return None
        return self.data.figures.by_element().get(element.pk)

    def execution(self) -> None:
        data = self.data
        self.heading(2, "2.1", _("Execution state of the actions"))
        rows, chart_executed, chart_expected = [], [], []
        for action in data.actions:
            row = self.row(action)
            executed = row.percent if row else None
            expected = row.expected if row else None
            status = row.progress.get_status_display() if row and row.progress else ""
            label = _("%(percent)s executed") % {"percent": percent(executed)} \
                if executed is not None else _("no data")
            rows.append([cell(label, f" ({status.lower()})" if status else ""),
                         cell(action.title), cell(percent(expected)),
                         cell(FLAGS[row.flag]() if row else _("No data"))])
            chart_executed.append(executed)
            chart_expected.append(expected)
        self.blocks.append(Table(
            header=[_("Execution"), _("Action"), _("Expected"), _("Pace")], rows=rows,
            numeric=frozenset({2}), widths=[2, 5, 1.3, 1.5],
            caption=_("Execution at the end of %(year)s") % {"year": data.year}))
        self.blocks.append(Note(runs(self.pace_note()), marker="(*)"))
        whole = self.row(data.programme)
        if whole is not None and whole.figure.rolled_up:
            rule = data.policy.get_rollup_display().lower()
            shares = "; ".join(
                f"{action.title}: {percent(whole.figure.weights[action.pk] * 100)}"
                for action in data.actions if action.pk in whole.figure.weights)
            self.blocks.append(Paragraph(runs(
                _("The programme as a whole: %(percent)s executed, %(expected)s expected "
                  "(%(rule)s, from %(counted)s of its %(considered)s actions; weights: "
                  "%(shares)s).") % {
                    "percent": percent(whole.percent), "expected": percent(whole.expected),
                    "rule": rule, "counted": whole.figure.counted,
                    "considered": whole.figure.considered, "shares": shares or "—"})))
        titles = [action.title for action in data.actions]
        self.blocks.append(Chart(
            title=_("Executed and expected per action (%)"), categories=titles,
            series=[Series(name=_("Executed"), values=[_float(v) for v in chart_executed],
                           labels=[percent(v) for v in chart_executed]),
                    Series(name=_("Expected"), values=[_float(v) for v in chart_expected],
                           labels=[percent(v) for v in chart_expected])],
            maximum=100.0,
            description="; ".join(
                _("%(action)s: %(executed)s executed, %(expected)s expected")
                % {"action": t, "executed": percent(e), "expected": percent(x)}
                for t, e, x in zip(titles, chart_executed, chart_expected, strict=True))))

    def pace_note(self) -> str:
        plan, policy = self.data.plan, self.data.policy
        if policy.pace == MonitoringPolicy.Pace.LINEAR:
            years = plan.end_year - plan.start_year + 1
            return _("Actions planned over the whole %(start)s–%(end)s period: in %(years)s "
                     "years 100 %% of them is expected to be done (%(pace)s a year). An action "
                     "is on track while it is at most %(tolerance)s points below.") % {
                "start": plan.start_year, "end": plan.end_year, "years": years,
                "pace": percent(calc.HUNDRED / years), "tolerance": amount(policy.tolerance)}
        return _("The expected share comes from each action's calendar: the scheduled years "
                 "and quarters gone by. An action is on track while it is at most "
                 "%(tolerance)s points below.") % {"tolerance": amount(policy.tolerance)}

    def deployment(self) -> None:
        self.heading(2, "2.2", _("State of deployment of the actions started"))
        rows = []
        for action in self.data.actions:
            row = self.row(action)
            progress = row.progress if row else None
            narrative = rich(progress.deployment) if progress else []
            bodies = list(progress.bodies.all()) if progress else []
            rows.append([cell(action.title), narrative or cell("—"),
                         cell(", ".join(b.name for b in bodies) + "." if bodies else "—")])
        self.blocks.append(Table(header=[_("Action"), _("State of deployment"),
                                         _("Services involved")],
                                 rows=rows, row_headers=True, widths=[2, 3.5, 3.5]))

    def results(self) -> None:
        data = self.data
        self.heading(2, "2.3", _("Quantitative and qualitative results"))
        for element in [*data.actions, data.programme]:
            series = data.indicators.get(element.pk, [])
            events = data.events.get(element.pk, [])
            if element is data.programme and not series and not events:
                continue
            self.heading(3, "", element.title)
            self.blocks.append(Paragraph([Run(_("Quantitative results"), bold=True)]))
            items = [ListItem(runs(Run(f"{s.indicator.name}: ", bold=True),
                                   self.value_of_year(s),
                                   f" {s.indicator.unit}" if s.indicator.unit and
                                   self.has_value(s) else ""))
                     for s in series]
            self.blocks.append(BulletList(items) if items else
                               Paragraph([Run(_("No indicators: no data."))]))
            self.blocks.append(Paragraph([Run(_("Qualitative results"), bold=True)]))
            if events:
                self.blocks.append(BulletList(self.grouped(events)))
            else:
                self.blocks.append(Paragraph([Run(_("No activities recorded in %(year)s.")
                                                  % {"year": data.year})]))

    def has_value(self, series) -> bool:
        return any(series.value(p) is not None for p in self.data.year_periods)

    def value_of_year(self, series) -> str:
        periods = self.data.year_periods
        values = [series.value(p) for p in periods]
        known = [v for v in values if v is not None]
        if len(periods) == 1 or len(known) <= 1:
            return figure_with_split(known[0] if known else None)
        total = calc.aggregate_over_time([v.total for v in values if v is not None],
                                         series.indicator.time_aggregation)
        return amount(total)

    def grouped(self, events: list[Event]) -> list[ListItem]:
        """Activities grouped by who they were with (the first body or organisation taking
        part), dated, in date order."""
        groups: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            bodies, organizations = list(event.bodies.all()), list(event.organizations.all())
            key = bodies[0].name if bodies else (organizations[0].name if organizations
                                                else _("Other activities"))
            groups[key].append(event)
        items = []
        for name, group in groups.items():
            children = []
            for event in group:
                text = [Run(f"{when(event.date, event.year)} · ", bold=event.date is not None),
                        Run(event.title)]
                if event.count > 1 and str(event.count) not in event.title:
                    text.append(Run(f" (×{event.count})"))
                if event.attendance is not None:
                    split = ", ".join(f"{a.count} {a.option.plural.lower()}"
                                      for a in event.attendance_split.all())
                    people = ngettext("%(count)s person", "%(count)s people",
                                      event.attendance) % {"count": event.attendance}
                    text.append(Run(" — " + people
                                    + (f" ({split})" if split else "")))
                description = " ".join(
                    "".join(r.text for r in b.runs) for b in rich(event.description)
                    if isinstance(b, Paragraph))
                if description:
                    text.append(Run(f". {description}", italic=True))
                children.append(ListItem(text))
            items.append(ListItem([Run(name, bold=True)], children=children))
        return items

    def next_year(self) -> None:
        data = self.data
        self.heading(2, "", _("Actions foreseen for %(year)s") % {"year": data.year + 1})
        found = False
        for element in [data.programme, *data.actions]:
            row = self.row(element)
            if row and row.progress and row.progress.next_actions:
                if element is not data.programme:
                    self.blocks.append(Paragraph([Run(element.title, bold=True)]))
                self.blocks.extend(rich(row.progress.next_actions))
                found = True
        if not found:
            self.blocks.append(Paragraph([Run(_("no data"))]))


def _float(value):
    return float(value) if value is not None else None

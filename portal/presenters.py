"""What the public pages show, as plain rows and charts built from the selectors' reads.

Every chart is drawn by ``reports.charts`` (the same drawing as the reports) and comes with a
table of the same figures; a missing figure is written "sense dades", never 0.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import mark_safe
from django.utils.translation import gettext as _

from budgets import arithmetic
from budgets.models import Chapter, Phase
from core.templatetags.numbers import money, percent
from monitoring.models import DisaggregationOption, IndicatorValue, Period
from monitoring.selectors import BudgetSummary, IndicatorSeries
from reports import charts
from reports.model import Chart, Series


def _float(value) -> float | None:
    return None if value is None else float(value)


def svg(chart: Chart, chart_id: str) -> str:
    return mark_safe(charts.svg(chart, chart_id))  # noqa: S308 — our own escaped drawing


# Indicators ---------------------------------------------------------------------------------

@dataclass
class IndicatorRow:
    period: Period
    baseline: IndicatorValue | None
    target: IndicatorValue | None
    actual: IndicatorValue | None
    splits: list[Decimal | None]  # one per option, None where nothing was recorded


@dataclass
class IndicatorTable:
    series: IndicatorSeries
    options: list[DisaggregationOption]
    rows: list[IndicatorRow] = field(default_factory=list)

    @property
    def indicator(self):
        return self.series.indicator

    @property
    def has_baseline(self) -> bool:
        return any(row.baseline for row in self.rows)

    @property
    def has_target(self) -> bool:
        return any(row.target for row in self.rows)

    @property
    def columns(self) -> int:
        return 2 + self.has_baseline + self.has_target + len(self.options)


def indicator_tables(series_list: list[IndicatorSeries], periods: list[Period]
                     ) -> list[IndicatorTable]:
    """One table per indicator: a row per period with a value, its split in columns."""
    tables = []
    for series in series_list:
        options = [option for category in series.indicator.categories.all()
                   for option in category.options.all()]
        table = IndicatorTable(series=series, options=options)
        for period in periods:
            values = {kind: series.value(period, kind) for kind in IndicatorValue.Kind.values}
            if not any(values.values()):
                continue
            actual = values[IndicatorValue.Kind.ACTUAL]
            amounts = {s.option_id: s.amount for s in actual.splits.all()} if actual else {}
            table.rows.append(IndicatorRow(
                period=period, baseline=values[IndicatorValue.Kind.BASELINE],
                target=values[IndicatorValue.Kind.TARGET], actual=actual,
                splits=[amounts.get(option.pk) for option in options]))
        tables.append(table)
    return tables


# Ratings ------------------------------------------------------------------------------------

@dataclass
class RatingTable:
    """A rating scale's answers per element in one period: counts per level, never a mean."""

    scale: object
    period: Period
    levels: list
    rows: list[tuple[object, list[int], int]]  # element, answers per level, all answers
    totals: list[int]
    total: int


def rating_tables(plan, elements: list, period: Period | None) -> list[RatingTable]:
    from monitoring.selectors import rating_distributions

    if period is None or not elements:
        return []
    tables = []
    for scale, counts in rating_distributions(plan, elements, period):
        levels = list(scale.levels.all())
        rows = []
        for element in elements:
            answers = [counts.get(element.pk, {}).get(level.key, 0) for level in levels]
            if sum(answers):
                rows.append((element, answers, sum(answers)))
        if rows:
            totals = [sum(row[1][i] for row in rows) for i in range(len(levels))]
            tables.append(RatingTable(scale=scale, period=period, levels=levels, rows=rows,
                                      totals=totals, total=sum(totals)))
    return tables


# Budgets ------------------------------------------------------------------------------------

@dataclass
class BudgetYear:
    year: int
    initial: Decimal | None
    definitive: Decimal | None
    executed: Decimal | None
    rate: Decimal | None


@dataclass
class BudgetChapter:
    label: str
    initial: Decimal | None
    definitive: Decimal | None
    executed: Decimal | None
    rate: Decimal | None


@dataclass
class BudgetView:
    summary: BudgetSummary
    years: list[BudgetYear]
    year: int | None              # the year of the chapter table
    chapters: list[BudgetChapter]
    has_personnel: bool
    provisional_years: set[int] = field(default_factory=set)
    chart_years: str = ""
    chart_chapters: str = ""

    @property
    def budget(self):
        return self.summary.budget

    @property
    def has_initial(self) -> bool:
        return any(line.phase == Phase.INITIAL for line in self.summary.lines)

    @property
    def has_definitive(self) -> bool:
        return any(line.phase == Phase.DEFINITIVE for line in self.summary.lines)

    @property
    def has_credit(self) -> bool:
        return self.has_initial or self.has_definitive


def _phase_total(lines, phase: str, **where) -> Decimal | None:
    """The total of a phase, or None when no line of that phase exists (not 0)."""
    year = where.get("year")
    chapter_given = "chapter" in where
    chosen = [line for line in lines if line.phase == phase
              and (year is None or line.year == year)
              and (not chapter_given or line.chapter == where["chapter"])]
    if not chosen:
        return None
    return arithmetic.money(sum((line.amount for line in chosen), arithmetic.ZERO))


def budget_view(summary: BudgetSummary, key: str, year: int | None = None,
                provisional_years: set[int] | None = None) -> BudgetView:
    lines = summary.lines
    years = sorted({line.year for line in lines})
    rows = [BudgetYear(year=y, initial=_phase_total(lines, Phase.INITIAL, year=y),
                       definitive=_phase_total(lines, Phase.DEFINITIVE, year=y),
                       executed=_phase_total(lines, Phase.EXECUTED, year=y),
                       rate=arithmetic.execution_rate(lines, year=y))
            for y in years]
    if year not in years:
        year = max((r.year for r in rows if r.executed is not None), default=None)
    chapters = []
    if year is not None:
        in_year = [line for line in lines if line.year == year]
        for chapter in sorted({line.chapter for line in in_year},
                              key=lambda c: (c is None, c or 0)):
            of_chapter = [line for line in in_year if line.chapter == chapter]
            chapters.append(BudgetChapter(
                label=Chapter(chapter).label if chapter else _("Not split by chapter"),
                initial=_phase_total(of_chapter, Phase.INITIAL),
                definitive=_phase_total(of_chapter, Phase.DEFINITIVE),
                executed=_phase_total(of_chapter, Phase.EXECUTED),
                rate=arithmetic.execution_rate(of_chapter)))
    view = BudgetView(summary=summary, years=rows, year=year, chapters=chapters,
                      has_personnel=any(line.phase == Phase.EXECUTED for line in lines)
                      and bool(summary.budget.personnel_costs.all()),
                      provisional_years=provisional_years or set())
    if rows:
        view.chart_years = svg(Chart(
            title=_("Budget executed per year"), categories=[str(r.year) for r in rows],
            series=[Series(name=_("Executed"), values=[_float(r.executed) for r in rows],
                           labels=[money(r.executed) for r in rows])],
            description=_("Budget executed per year: %(values)s.") % {
                "values": "; ".join(f"{r.year}: {money(r.executed)}" for r in rows)}),
            f"{key}-years")
    if chapters:
        series = [Series(name=_("Executed"), values=[_float(c.executed) for c in chapters],
                         labels=[money(c.executed) for c in chapters])]
        if view.has_definitive:
            series.append(Series(name=_("Definitive credit"),
                                 values=[_float(c.definitive) for c in chapters],
                                 labels=[money(c.definitive) for c in chapters]))
        view.chart_chapters = svg(Chart(
            title=(_("Executed and definitive credit per chapter in %(year)s")
                   if view.has_definitive else _("Executed per chapter in %(year)s"))
            % {"year": year},
            categories=[c.label for c in chapters], series=series,
            description="; ".join(
                _("%(chapter)s: %(executed)s executed, definitive credit %(credit)s")
                % {"chapter": c.label, "executed": money(c.executed),
                   "credit": money(c.definitive)} for c in chapters)),
            f"{key}-chapters")
    return view


# Progress -----------------------------------------------------------------------------------

def progress_chart(history, key: str) -> str:
    """Executed and expected per period, for one element."""
    shown = [(period, row) for period, row in history
             if row.figure.has_data or row.figure.expected is not None]
    if not shown:
        return ""
    return svg(Chart(
        title=_("Executed and expected (%)"), categories=[p.label for p, _row in shown],
        series=[Series(name=_("Executed"), values=[_float(r.percent) for _p, r in shown],
                       labels=[percent(r.percent) for _p, r in shown]),
                Series(name=_("Expected"), values=[_float(r.expected) for _p, r in shown],
                       labels=[percent(r.expected) for _p, r in shown])],
        description="; ".join(
            _("%(period)s: %(executed)s executed, %(expected)s expected")
            % {"period": p.label, "executed": percent(r.percent),
               "expected": percent(r.expected)} for p, r in shown),
        maximum=100), key)

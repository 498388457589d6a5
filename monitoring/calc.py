"""Monitoring arithmetic as plain functions over plain data: the expected pace, the on-track
flag, roll-ups of progress to parents, rating distributions and indicator aggregation.

Nothing here touches the database, so every rule is tested on its own (see
``monitoring/tests/test_calc.py``, property-based where it fits).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)

# Reporting period kinds and how much of the year has gone by at the end of each.
PERIODS_PER_YEAR = {"year": 1, "semester": 2, "quarter": 4}

# Progress statuses (the values of monitoring.models.Progress.Status).
PENDING, IN_PROGRESS, FINISHED = "pending", "in_progress", "finished"
POSTPONED, CANCELLED = "postponed", "cancelled"

# Roll-up rules (monitoring.models.MonitoringPolicy.Rollup).
WEIGHTED_MEAN, EQUAL_MEAN, MANUAL = "weighted_mean", "equal_mean", "manual"

# Pace flags.
ON_TRACK, BEHIND, NO_DATA, NOT_SCHEDULED = "on_track", "behind", "no_data", "not_scheduled"


def clamp_percent(value: Decimal) -> Decimal:
    return max(ZERO, min(HUNDRED, value))


def round_percent(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def period_end(year: int, kind: str, number: int) -> Decimal:
    """The end of a period as a point in years: the end of 2022 is 2023, of 2022 T1 2022.25."""
    return Decimal(year) + Decimal(number) / Decimal(PERIODS_PER_YEAR[kind])


def expected_linear(*, start_year: int, end_year: int, at: Decimal) -> Decimal:
    """The linear pace: the share of the plan's period gone by at ``at`` (12.5 % a year for
    an eight-year plan)."""
    years = Decimal(end_year - start_year + 1)
    return clamp_percent((at - Decimal(start_year)) / years * HUNDRED)


def expected_scheduled(marks: Iterable[tuple[int, int | None]], *, at: Decimal
                       ) -> Decimal | None:
    """The scheduled pace: the share of the element's scheduled years and quarters gone by at
    ``at`` (each one counted equally, partly while it is under way). None without a schedule.
    """
    spans = []
    for year, quarter in marks:
        if quarter is None:
            spans.append((Decimal(year), Decimal(year + 1)))
        else:
            start = Decimal(year) + Decimal(quarter - 1) / 4
            spans.append((start, start + Decimal("0.25")))
    if not spans:
        return None
    done = sum(min(Decimal(1), max(ZERO, (at - start) / (end - start))) for start, end in spans)
    return clamp_percent(done / len(spans) * HUNDRED)


def pace_flag(percent: Decimal | None, expected: Decimal | None, tolerance: Decimal) -> str:
    """On track when the executed share is at most ``tolerance`` points below the expected."""
    if percent is None:
        return NO_DATA
    if expected is None:
        return NOT_SCHEDULED
    return ON_TRACK if percent >= expected - tolerance else BEHIND


@dataclass
class Node:
    """One element's own data for one period, with its children (for :func:`roll_up`)."""

    key: int
    weight: Decimal = Decimal(1)
    status: str | None = None
    percent: Decimal | None = None
    expected: Decimal | None = None
    children: list["Node"] = field(default_factory=list)


@dataclass
class Figure:
    """An element's progress as shown: its own figure, or the roll-up of its children."""

    percent: Decimal | None
    expected: Decimal | None
    rolled_up: bool = False
    counted: int = 0       # children whose figure entered the roll-up
    considered: int = 0    # children not cancelled
    weights: dict[int, Decimal] = field(default_factory=dict)  # normalised, of counted children

    @property
    def has_data(self) -> bool:
        return self.percent is not None


def own_percent(node: Node) -> Decimal | None:
    """The percentage an element's own entry gives: a finished element without a figure is
    done (100 %); anything else without a figure has no data."""
    if node.percent is not None:
        return clamp_percent(node.percent)
    if node.status == FINISHED:
        return HUNDRED
    return None


def roll_up(nodes: Sequence[Node], rule: str) -> dict[int, Figure]:
    """Every node's figure. With ``weighted_mean`` or ``equal_mean`` a node with children
    takes the mean of its children's figures: cancelled children are left out, children
    without data are left out (never counted as 0), and the weights of those counted are
    normalised to add up to 1. With ``manual`` every node keeps its own entry."""
    figures: dict[int, Figure] = {}

    def visit(node: Node) -> Figure:
        for child in node.children:
            visit(child)
        if rule == MANUAL or not node.children:
            figure = Figure(percent=own_percent(node), expected=node.expected)
        else:
            figure = _mean_of_children(node, rule, figures)
        figures[node.key] = figure
        return figure

    for node in nodes:
        visit(node)
    return figures


def _mean_of_children(node: Node, rule: str, figures: dict[int, Figure]) -> Figure:
    considered = [c for c in node.children if c.status != CANCELLED]

    def weight(child: Node) -> Decimal:
        return Decimal(1) if rule == EQUAL_MEAN else child.weight

    def mean(value_of) -> tuple[Decimal | None, dict[int, Decimal]]:
        counted = [c for c in considered if value_of(c) is not None and weight(c) > 0]
        total = sum((weight(c) for c in counted), ZERO)
        if not counted or total == 0:
            return None, {}
        weights = {c.key: weight(c) / total for c in counted}
        return sum(weights[c.key] * value_of(c) for c in counted), weights

    percent, weights = mean(lambda c: figures[c.key].percent)
    expected, _weights = mean(lambda c: figures[c.key].expected)
    return Figure(percent=percent, expected=expected, rolled_up=True, counted=len(weights),
                  considered=len(considered), weights=weights)


def distribution(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Ratings add up as distributions (how many said each level); they are never averaged."""
    total: Counter = Counter()
    for item in counts:
        total.update({level: n for level, n in item.items() if n})
    return dict(total)


def aggregate_over_time(values: Sequence[Decimal | None], how: str) -> Decimal | None:
    """One figure from a series of period values (oldest first); missing values are skipped."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    if how == "sum":
        return sum(known, ZERO)
    if how == "last":
        return known[-1]
    if how == "max":
        return max(known)
    if how == "mean":
        return sum(known, ZERO) / len(known)
    raise ValueError(f"unknown time aggregation {how!r}")


def aggregate_over_organizations(values: Sequence[Decimal | None], how: str) -> Decimal | None:
    """One figure for several organisations' values of a common indicator."""
    known = [v for v in values if v is not None]
    if how == "none" or not known:
        return None
    if how == "sum":
        return sum(known, ZERO)
    if how == "mean":
        return sum(known, ZERO) / len(known)
    raise ValueError(f"unknown organisation aggregation {how!r}")

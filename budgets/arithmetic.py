"""Budget arithmetic as plain functions over plain lines.

Every total Teixit shows is computed here from its lines: per year, per chapter, per phase,
accumulated to a year, and the execution rate (executed ÷ definitive credit, else ÷ initial
credit, as Spanish local budgets count it).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

INITIAL, DEFINITIVE, EXECUTED = "initial", "definitive", "executed"
CENTS = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Line:
    year: int
    chapter: int | None  # I–IX as 1–9; None when the amount is not split by chapter
    phase: str
    amount: Decimal


def money(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def personnel_amount(hours: Decimal, hourly_cost: Decimal) -> Decimal:
    """Personnel co-financing: the hours devoted times the hourly cost, to the cent."""
    return money(hours * hourly_cost)


def total(lines: Iterable[Line], *, phase: str, year: int | None = None,
          chapter: int | None = None, up_to_year: int | None = None) -> Decimal:
    return money(sum((line.amount for line in lines
                      if line.phase == phase
                      and (year is None or line.year == year)
                      and (chapter is None or line.chapter == chapter)
                      and (up_to_year is None or line.year <= up_to_year)), ZERO))


def by_year(lines: Iterable[Line], *, phase: str) -> dict[int, Decimal]:
    result: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if line.phase == phase:
            result[line.year] += line.amount
    return {year: money(amount) for year, amount in sorted(result.items())}


def by_chapter(lines: Iterable[Line], *, phase: str, year: int | None = None
               ) -> dict[int | None, Decimal]:
    result: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        if line.phase == phase and (year is None or line.year == year):
            result[line.chapter] += line.amount
    return {chapter: money(amount) for chapter, amount in
            sorted(result.items(), key=lambda item: (item[0] is None, item[0] or 0))}


def has_phase(lines: Iterable[Line], phase: str, *, year: int | None = None) -> bool:
    return any(line.phase == phase and (year is None or line.year == year) for line in lines)


def execution_rate(lines: Iterable[Line], *, year: int | None = None) -> Decimal | None:
    """Executed ÷ definitive credit (else ÷ initial credit), as a percentage; None when there
    is no credit to compare with (or it is zero)."""
    lines = list(lines)
    executed = total(lines, phase=EXECUTED, year=year)
    for phase in (DEFINITIVE, INITIAL):
        if has_phase(lines, phase, year=year):
            credit = total(lines, phase=phase, year=year)
            if credit == 0:
                return None
            return (executed / credit * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return None


def share_of(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (e.g. accumulated execution of the period budget)."""
    if not whole:
        return None
    return (part / whole * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

"""Which monitoring records the public sees, and which of them are provisional.

Plain functions over the plan's public periods (``monitoring.selectors.public_periods``), no
database. A record is public when the public periods cover its time:

- a record of a period (progress, an indicator value, a rating): when its period is public;
- a dated record (an activity with a date): when a public period holds its month;
- a record of a whole year (an activity with only a year, an executed budget amount): when the
  public periods cover the twelve months of that year.

It is provisional when part of that time lies in a period that is still open (possible only
when the plan publishes data as soon as it is entered).
"""

import datetime
import enum
from collections import defaultdict
from dataclasses import dataclass, field

from monitoring.models import Period

WHOLE_YEAR = frozenset(range(1, 13))


class Visibility(enum.Enum):
    HIDDEN = "hidden"
    FINAL = "final"
    PROVISIONAL = "provisional"

    @property
    def is_public(self) -> bool:
        return self is not Visibility.HIDDEN

    @property
    def is_provisional(self) -> bool:
        return self is Visibility.PROVISIONAL


@dataclass(frozen=True)
class Publication:
    """The public periods of one plan, by slug and by the months they cover."""

    closed_by_slug: dict[str, bool] = field(default_factory=dict)
    public_months: dict[int, frozenset[int]] = field(default_factory=dict)
    closed_months: dict[int, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, public_periods: list[Period]) -> "Publication":
        public: dict[int, set[int]] = defaultdict(set)
        closed: dict[int, set[int]] = defaultdict(set)
        for period in public_periods:
            months = range(period.starts_on.month, period.ends_on.month + 1)
            public[period.year].update(months)
            if period.is_closed:
                closed[period.year].update(months)
        return cls(closed_by_slug={p.slug: p.is_closed for p in public_periods},
                   public_months={year: frozenset(m) for year, m in public.items()},
                   closed_months={year: frozenset(m) for year, m in closed.items()})

    def of_period(self, slug: str) -> Visibility:
        if slug not in self.closed_by_slug:
            return Visibility.HIDDEN
        return Visibility.FINAL if self.closed_by_slug[slug] else Visibility.PROVISIONAL

    def of_year(self, year: int) -> Visibility:
        return self._of_months(year, WHOLE_YEAR)

    def of_date(self, date: datetime.date) -> Visibility:
        return self._of_months(date.year, frozenset({date.month}))

    def _of_months(self, year: int, months: frozenset[int]) -> Visibility:
        if not months <= self.public_months.get(year, frozenset()):
            return Visibility.HIDDEN
        if months <= self.closed_months.get(year, frozenset()):
            return Visibility.FINAL
        return Visibility.PROVISIONAL

"""History of monitoring records (see history.rows)."""

from history.rows import register_rows
from monitoring.models import (
    Event,
    Indicator,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
    Rating,
)


def _check_open(obj) -> None:
    from monitoring.services import require_open_period

    require_open_period(obj.period)


def _check_event_open(obj) -> None:
    from monitoring.services import require_open_year

    require_open_year(plan=obj.plan, year=obj.year, date=obj.date)


def register_all() -> None:
    register_rows(MonitoringPolicy, fields=("plan", "period_kind", "pace", "tolerance", "rollup",
                                            "publication", "data_note"), plan_of=lambda o: o.plan)
    register_rows(Period, fields=("plan", "kind", "year", "number", "status", "closed_at",
                                  "closed_by"),
                  plan_of=lambda o: o.plan, restorable=False)
    register_rows(Progress, fields=("element", "period", "status", "percent", "deployment",
                                    "next_actions"),
                  plan_of=lambda o: o.element.plan, many=("bodies",), check=_check_open)
    register_rows(Indicator, fields=("plan", "element", "slug", "name", "description", "unit",
                                     "measure_type", "higher_is_better", "time_aggregation",
                                     "organization_aggregation", "order"),
                  plan_of=lambda o: o.plan, many=("categories",))
    register_rows(IndicatorValue, fields=("indicator", "period", "kind", "total", "text"),
                  plan_of=lambda o: o.indicator.plan,
                  children=(("splits", ("option", "amount")),), check=_check_open)
    register_rows(Rating, fields=("element", "period", "level", "count"),
                  plan_of=lambda o: o.element.plan, check=_check_open)
    register_rows(Event, fields=("plan", "element", "key", "year", "date", "kind", "title",
                                 "description", "count", "attendance"),
                  plan_of=lambda o: o.plan, many=("bodies", "organizations"),
                  children=(("attendance_split", ("option", "count")),),
                  check=_check_event_open)

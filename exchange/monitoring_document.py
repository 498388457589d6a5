"""The monitoring and budget parts of a plan document (see docs/exchange-format.md)."""

from decimal import Decimal

from django.db.models import F, Prefetch

from budgets.models import Budget
from monitoring.models import (
    Event,
    IndicatorValue,
    Period,
    Progress,
    Rating,
)
from monitoring.services import policy_of
from plans.models import Plan


def number(value: Decimal | None) -> str | None:
    """Decimals travel as strings, so that no amount is ever rounded on the way."""
    if value is None:
        return None
    return format(Decimal(value).normalize(), "f")


def money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def period_ref(period: Period) -> str:
    return period.slug  # "2022", "2022-t1", "2022-s2"


def monitoring_document(plan: Plan) -> dict:
    policy = policy_of(plan)
    periods = list(Period.objects.filter(plan=plan).order_by("year", "kind", "number"))
    progress = (Progress.objects.filter(element__plan=plan)
                .select_related("element", "period").prefetch_related("bodies")
                .order_by("element__pk", "period__year", "period__number"))
    indicators = plan.indicators.select_related("element").prefetch_related(
        "categories",
        Prefetch("values", queryset=IndicatorValue.objects.select_related("period")
                 .prefetch_related("splits__option__category")
                 .order_by("period__year", "period__number", "kind")))
    scales = plan.rating_scales.prefetch_related("levels")
    ratings = (Rating.objects.filter(element__plan=plan)
               .select_related("element", "period", "level__scale")
               .order_by("element__pk", "period__year", "period__number", "level__scale__order",
                         "level__order"))
    events = (Event.objects.filter(plan=plan).select_related("element")
              .prefetch_related("bodies", "organizations", "attendance_split__option__category")
              .order_by("year", F("date").asc(nulls_last=True), "pk"))
    grouped_ratings: dict[tuple, dict] = {}
    for rating in ratings:
        key = (rating.element.slug, period_ref(rating.period), rating.level.scale.key)
        grouped_ratings.setdefault(key, {})[rating.level.key] = rating.count
    return {
        "policy": {
            "period_kind": policy.period_kind, "pace": policy.pace,
            "tolerance": number(policy.tolerance), "rollup": policy.rollup,
            "publication": policy.publication, "data_note": policy.data_note,
        },
        "periods": [{"kind": p.kind, "year": p.year, "number": p.number, "status": p.status}
                    for p in periods],
        "progress": [
            {"element": p.element.slug, "period": period_ref(p.period), "status": p.status,
             "percent": number(p.percent), "deployment": p.deployment,
             "next_actions": p.next_actions,
             "bodies": sorted(b.slug for b in p.bodies.all())}
            for p in progress
        ],
        "indicators": [
            {"slug": i.slug, "element": i.element.slug if i.element_id else None,
             "name": i.name, "description": i.description, "unit": i.unit,
             "measure_type": i.measure_type, "higher_is_better": i.higher_is_better,
             "time_aggregation": i.time_aggregation,
             "organization_aggregation": i.organization_aggregation,
             "categories": sorted(c.key for c in i.categories.all()),
             "values": [
                 {"period": period_ref(v.period), "kind": v.kind, "total": number(v.total),
                  "text": v.text,
                  "splits": {f"{s.option.category.key}/{s.option.key}": number(s.amount)
                             for s in v.splits.all()}}
                 for v in i.values.all()]}
            for i in indicators
        ],
        "rating_scales": [
            {"key": s.key, "name": s.name, "description": s.description,
             "levels": [{"key": level.key, "name": level.name} for level in s.levels.all()]}
            for s in scales
        ],
        "ratings": [{"element": element, "period": period, "scale": scale, "counts": counts}
                    for (element, period, scale), counts in grouped_ratings.items()],
        "events": [
            {"key": e.key, "element": e.element.slug if e.element_id else None,
             "year": e.year, "date": e.date.isoformat() if e.date else None, "kind": e.kind,
             "title": e.title, "description": e.description, "count": e.count,
             "bodies": sorted(b.slug for b in e.bodies.all()),
             "organizations": sorted(o.slug for o in e.organizations.all()),
             "attendance": e.attendance,
             "attendance_split": {f"{a.option.category.key}/{a.option.key}": a.count
                                  for a in e.attendance_split.all()}}
            for e in events
        ],
    }


def budgets_document(plan: Plan) -> list[dict]:
    budgets = (Budget.objects.filter(plan=plan).select_related("element")
               .prefetch_related("lines", "personnel_costs").order_by("element__pk"))
    return [
        {"element": b.element.slug if b.element_id else None,
         "period_total": money(b.period_total), "note": b.note,
         "lines": [{"year": line.year, "chapter": line.chapter, "phase": line.phase,
                    "amount": money(line.amount), "concept": line.concept}
                   for line in b.lines.all()],
         "personnel_costs": [{"year": c.year, "chapter": c.chapter, "phase": c.phase,
                              "hours": number(c.hours), "hourly_cost": money(c.hourly_cost),
                              "amount": money(c.amount), "concept": c.concept}
                             for c in b.personnel_costs.all()]}
        for b in budgets
    ]

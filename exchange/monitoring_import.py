"""Importing the monitoring and budget parts of a plan document.

Each item of the document is first put in the canonical form the export writes, then compared
with what the database holds (the plan's own export); only what differs is written, through
the monitoring and budget services — so every rule applies (ranges, splits within totals,
dates within the plan, closed periods) and every change is recorded. Errors are collected
with their place; the caller rolls everything back when there is any.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budgets import services as budget_services
from budgets.models import Budget
from core.richtext import markup_to_html
from exchange.monitoring_document import budgets_document, money, monitoring_document, number
from exchange.values import parse_date
from history.models import Change
from history.services import change_record, snapshot_of
from monitoring import services
from monitoring.models import (
    DisaggregationCategory,
    DisaggregationOption,
    Event,
    Indicator,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
    RatingScale,
)
from organizations.models import Organization

_PERIOD = re.compile(r"^(\d{4})(?:[-\s]?([tsq])([1-4]))?$", re.IGNORECASE)


class MonitoringSync:
    def __init__(self, plan_sync):
        self.sync = plan_sync
        self.plan = plan_sync.plan
        self.user = plan_sync.writer.user
        self.errors = plan_sync.errors
        self.report = plan_sync.report
        self.delete_missing = plan_sync.writer.delete_missing
        self.monitoring = plan_sync.spec.monitoring
        self.budgets = plan_sync.spec.budgets
        self.elements = {slug: element for slug, (_item, element) in plan_sync.elements.items()}
        self.bodies = plan_sync.bodies

    # helpers ------------------------------------------------------------------------------

    def error(self, where: str, problem) -> None:
        if isinstance(problem, ValidationError):
            problem = " ".join(problem.messages)
        self.errors.append(f"{where}: {problem}")

    def count(self, created: bool, changed: bool, what: str) -> None:
        if created:
            self.report.created[what] += 1
        elif changed:
            self.report.updated[what] += 1
        else:
            self.report.unchanged[what] += 1

    def element(self, where: str, slug):
        if slug in (None, ""):
            return None
        element = self.elements.get(str(slug))
        if element is None:
            self.error(where, _("the element “%(slug)s” is not in the plan.") % {"slug": slug})
        return element

    def period(self, where: str, reference):
        match = _PERIOD.match(str(reference).strip()) if reference is not None else None
        if not match:
            self.error(where, _("“%(period)s” is not a period (2022, 2022-T1, 2022-S2).")
                       % {"period": reference})
            return None
        year, letter, n = int(match[1]), (match[2] or "").lower(), int(match[3] or 1)
        kind = {"": "year", "t": "quarter", "q": "quarter", "s": "semester"}[letter]
        period = self.periods.get((kind, year, n))
        if period is None:
            self.error(where, _("the period %(period)s is not defined in monitoring.periods.")
                       % {"period": reference})
        return period

    def decimal(self, where: str, value) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            self.error(where, _("“%(value)s” is not a number.") % {"value": value})
            return None

    def body(self, where: str, reference):
        body = (self.bodies.get(reference)
                or next((b for b in self.bodies.values() if reference in (b.acronym, b.name)),
                        None))
        if body is None:
            self.error(where, _("the body “%(ref)s” is not a body of %(organization)s.")
                       % {"ref": reference, "organization": self.plan.organization.name})
        return body

    def options(self, where: str, split: dict) -> dict:
        result = {}
        for key, amount in (split or {}).items():
            category_key, _slash, option_key = str(key).partition("/")
            option = (DisaggregationOption.objects
                      .filter(Q(category__organization__isnull=True)
                              | Q(category__organization=self.plan.organization_id),
                              category__key=category_key, key=option_key)
                      .select_related("category").first())
            if option is None:
                self.error(where, _("“%(key)s” is not a split option (e.g. sexe/dona).")
                           % {"key": key})
                continue
            result[option] = amount
        return result

    # run ----------------------------------------------------------------------------------

    def write(self) -> None:
        """Sync the sections the document has; a document without them leaves the plan's
        monitoring and budget data alone."""
        if self.monitoring is not None:
            current = monitoring_document(self.plan)
            self.write_policy(current["policy"])
            self.write_periods()
            if self.errors:
                return
            self.write_progress({(p["element"], p["period"]): p for p in current["progress"]})
            self.write_indicators({i["slug"]: i for i in current["indicators"]})
            self.write_scales({s["key"]: s for s in current["rating_scales"]})
            self.write_ratings({(r["element"], r["period"], r["scale"]): r
                                for r in current["ratings"]})
            self.write_events({e["key"]: e for e in current["events"]})
        else:
            self.periods = {(p.kind, p.year, p.number): p
                            for p in Period.objects.filter(plan=self.plan)}
        if self.budgets is not None:
            self.write_budgets({b["element"]: b for b in budgets_document(self.plan)})
        if self.monitoring is not None and not self.errors:
            self.write_period_statuses()

    def write_policy(self, current: dict) -> None:
        policy = self.monitoring.get("policy")
        if not policy:
            return
        wanted = {**current, **{k: v for k, v in policy.items() if k in current}}
        wanted["tolerance"] = number(self.decimal("monitoring.policy.tolerance",
                                                  wanted["tolerance"]))
        if wanted == current:
            return
        existed = MonitoringPolicy.objects.filter(plan=self.plan).exists()
        try:
            services.policy_update(plan=self.plan, user=self.user,
                                   period_kind=wanted["period_kind"], pace=wanted["pace"],
                                   tolerance=Decimal(wanted["tolerance"]),
                                   rollup=wanted["rollup"], data_note=wanted["data_note"] or "",
                                   publication=wanted["publication"])
            self.count(not existed, True, "policy")
        except (ValidationError, TypeError) as error:
            self.error("monitoring.policy", error)

    def write_periods(self) -> None:
        self.periods = {(p.kind, p.year, p.number): p
                        for p in Period.objects.filter(plan=self.plan)}
        self.wanted_periods = {}
        for i, item in enumerate(self.monitoring.get("periods") or [], start=1):
            where = f"monitoring.periods[{i}]"
            if isinstance(item, (int, str)):
                match = _PERIOD.match(str(item))
                if not match:
                    self.error(where, _("“%(period)s” is not a period (2022, 2022-T1, 2022-S2).")
                               % {"period": item})
                    continue
                letter = (match[2] or "").lower()
                item = {"kind": {"": "year", "t": "quarter", "q": "quarter",
                                 "s": "semester"}[letter],
                        "year": int(match[1]), "number": int(match[3] or 1)}
            key = (item.get("kind", "year"), item.get("year"), item.get("number", 1))
            self.wanted_periods[key] = item.get("status", Period.Status.OPEN)
            if key in self.periods:
                self.report.unchanged["period"] += 1
                continue
            try:
                self.periods[key] = services.period_create(plan=self.plan, user=self.user,
                                                           kind=key[0], year=key[1],
                                                           number=key[2])
                self.report.created["period"] += 1
            except (ValidationError, KeyError, TypeError) as error:
                self.error(where, error)

    def write_period_statuses(self) -> None:
        for key, status in self.wanted_periods.items():
            period = self.periods[key]
            try:
                if status == Period.Status.CLOSED and not period.is_closed:
                    services.period_close(period=period, user=self.user)
                elif status == Period.Status.OPEN and period.is_closed:
                    services.period_reopen(period=period, user=self.user)
            except ValidationError as error:
                self.error(f"monitoring.periods «{period.label}»", error)
        if self.delete_missing:
            for key, period in self.periods.items():
                if key not in self.wanted_periods:
                    change_record(user=self.user, obj=period, plan=self.plan,
                                  action=Change.Action.DELETE, before=snapshot_of(period))
                    period.delete()
                    self.report.deleted["period"] += 1

    # progress -----------------------------------------------------------------------------

    def write_progress(self, current: dict) -> None:
        seen, new = set(), []
        for i, item in enumerate(self.monitoring.get("progress") or [], start=1):
            where = f"monitoring.progress[{i}] «{item.get('element')} · {item.get('period')}»"
            element = self.element(where, item.get("element"))
            period = self.period(where, item.get("period"))
            bodies = [b for b in (self.body(where, ref) for ref in item.get("bodies") or [])
                      if b]
            if element is None or period is None:
                continue
            percent = self.decimal(where, item.get("percent"))
            wanted = {"element": element.slug, "period": period.slug,
                      "status": item.get("status") or Progress.Status.PENDING,
                      "percent": number(percent),
                      "deployment": markup_to_html(item.get("deployment") or ""),
                      "next_actions": markup_to_html(item.get("next_actions") or ""),
                      "bodies": sorted(b.slug for b in bodies)}
            key = (element.slug, period.slug)
            seen.add(key)
            if current.get(key) == wanted:
                self.count(False, False, "progress")
                continue
            if key not in current:  # new entries are written together, below
                new.append((where, {"element": element, "period": period,
                                    "status": wanted["status"], "percent": percent,
                                    "deployment": wanted["deployment"],
                                    "next_actions": wanted["next_actions"], "bodies": bodies}))
                continue
            try:
                services.progress_save(element=element, period=period, user=self.user,
                                       status=wanted["status"], percent=percent,
                                       deployment=wanted["deployment"],
                                       next_actions=wanted["next_actions"], bodies=bodies)
                self.count(key not in current, True, "progress")
            except ValidationError as error:
                self.error(where, error)
        failed = services.progress_create_many(plan=self.plan, user=self.user,
                                               entries=[entry for _where, entry in new])
        for index, error in failed:
            self.error(new[index][0], error)
        if len(new) > len(failed):
            self.report.created["progress"] += len(new) - len(failed)
        if self.delete_missing:
            for key in set(current) - seen:
                progress = Progress.objects.get(element__plan=self.plan, element__slug=key[0],
                                                period__in=[p for p in self.periods.values()
                                                            if p.slug == key[1]])
                self.guard(f"monitoring.progress «{key[0]} · {key[1]}»",
                           services.progress_clear, progress=progress, user=self.user)
                self.report.deleted["progress"] += 1

    def guard(self, where: str, action, **arguments):
        try:
            return action(**arguments)
        except ValidationError as error:
            self.error(where, error)
            return None

    # indicators ---------------------------------------------------------------------------

    def write_indicators(self, current: dict) -> None:
        seen = set()
        for i, item in enumerate(self.monitoring.get("indicators") or [], start=1):
            slug = item.get("slug") or slugify(item.get("name") or "")[:80]
            where = f"monitoring.indicators[{i}] «{slug}»"
            element = self.element(where, item.get("element"))
            categories = []
            for key in item.get("categories") or []:
                category = DisaggregationCategory.objects.filter(
                    Q(organization__isnull=True) | Q(organization=self.plan.organization_id),
                    key=key).first()
                if category is None:
                    self.error(where, _("“%(key)s” is not a disaggregation category.")
                               % {"key": key})
                else:
                    categories.append(category)
            wanted = {
                "slug": slug, "element": element.slug if element else None,
                "name": " ".join(str(item.get("name") or "").split()),
                "description": markup_to_html(item.get("description") or ""),
                "unit": item.get("unit") or "",
                "measure_type": item.get("measure_type") or Indicator.MeasureType.COUNT,
                "higher_is_better": bool(item.get("higher_is_better", True)),
                "time_aggregation": item.get("time_aggregation") or "sum",
                "organization_aggregation": item.get("organization_aggregation") or "sum",
                "categories": sorted(c.key for c in categories),
            }
            seen.add(slug)
            existing = current.get(slug)
            indicator = Indicator.objects.filter(plan=self.plan, slug=slug).first()
            if existing is None or {k: existing[k] for k in wanted} != wanted:
                try:
                    indicator = services.indicator_save(
                        plan=self.plan, user=self.user, indicator=indicator, element=element,
                        categories=categories,
                        **{k: wanted[k] for k in ("slug", "name", "description", "unit",
                                                  "measure_type", "higher_is_better",
                                                  "time_aggregation",
                                                  "organization_aggregation")})
                    self.count(existing is None, True, "indicator")
                except ValidationError as error:
                    self.error(where, error)
                    continue
            else:
                self.count(False, False, "indicator")
            self.write_values(where, indicator, item.get("values") or [],
                              {(v["period"], v["kind"]): v for v in
                               (existing or {}).get("values", [])})
        if self.delete_missing:
            for slug in set(current) - seen:
                indicator = Indicator.objects.get(plan=self.plan, slug=slug)
                self.guard(f"monitoring.indicators «{slug}»", services.indicator_delete,
                           indicator=indicator, user=self.user)
                self.report.deleted["indicator"] += 1

    def write_values(self, where_indicator: str, indicator, values: list, current: dict) -> None:
        seen = set()
        for j, item in enumerate(values, start=1):
            where = f"{where_indicator}.values[{j}]"
            period = self.period(where, item.get("period"))
            if period is None:
                continue
            kind = item.get("kind") or IndicatorValue.Kind.ACTUAL
            total = self.decimal(where, item.get("total"))
            splits = {option: self.decimal(where, amount) for option, amount in
                      self.options(where, item.get("splits")).items()}
            wanted = {"period": period.slug, "kind": kind, "total": number(total),
                      "text": (item.get("text") or "").strip(),
                      "splits": {f"{o.category.key}/{o.key}": number(a)
                                 for o, a in splits.items() if a is not None}}
            seen.add((period.slug, kind))
            if current.get((period.slug, kind)) == wanted:
                self.count(False, False, "value")
                continue
            try:
                services.indicator_value_save(indicator=indicator, period=period, kind=kind,
                                              user=self.user, total=total, text=wanted["text"],
                                              splits=splits)
                self.count((period.slug, kind) not in current, True, "value")
            except ValidationError as error:
                self.error(where, error)
        if self.delete_missing:
            for period_slug, kind in set(current) - seen:
                period = next(p for p in self.periods.values() if p.slug == period_slug)
                self.guard(f"{where_indicator} «{period_slug}»", services.indicator_value_save,
                           indicator=indicator, period=period, kind=kind, user=self.user,
                           total=None)
                self.report.deleted["value"] += 1

    # ratings ------------------------------------------------------------------------------

    def write_scales(self, current: dict) -> None:
        for i, item in enumerate(self.monitoring.get("rating_scales") or [], start=1):
            key = item.get("key") or slugify(item.get("name") or "")
            where = f"monitoring.rating_scales[{i}] «{key}»"
            levels = [(str(level.get("key") or slugify(level.get("name") or "")),
                       str(level.get("name") or "")) for level in item.get("levels") or []]
            wanted = {"key": key, "name": item.get("name") or "",
                      "description": item.get("description") or "",
                      "levels": [{"key": k, "name": n} for k, n in levels]}
            if current.get(key) == wanted:
                self.count(False, False, "scale")
                continue
            self.guard(where, services.rating_scale_save, plan=self.plan, user=self.user,
                       key=key, name=wanted["name"], description=wanted["description"],
                       levels=levels,
                       scale=RatingScale.objects.filter(plan=self.plan, key=key).first())
            self.count(key not in current, True, "scale")

    def write_ratings(self, current: dict) -> None:
        seen = set()
        scales = {s.key: s for s in self.plan.rating_scales.prefetch_related("levels")}
        for i, item in enumerate(self.monitoring.get("ratings") or [], start=1):
            where = (f"monitoring.ratings[{i}] «{item.get('element')} · {item.get('period')} · "
                     f"{item.get('scale')}»")
            element = self.element(where, item.get("element"))
            period = self.period(where, item.get("period"))
            scale = scales.get(item.get("scale"))
            if scale is None:
                self.error(where, _("the scale “%(key)s” is not defined.")
                           % {"key": item.get("scale")})
            if element is None or period is None or scale is None:
                continue
            levels = {level.key: level for level in scale.levels.all()}
            counts = {}
            for level_key, n in (item.get("counts") or {}).items():
                if level_key not in levels:
                    self.error(where, _("“%(level)s” is not a level of the scale.")
                               % {"level": level_key})
                elif n:
                    counts[level_key] = int(n)
            key = (element.slug, period.slug, scale.key)
            seen.add(key)
            if (current.get(key) or {}).get("counts") == counts:
                self.count(False, False, "rating")
                continue
            self.guard(where, services.ratings_save, element=element, period=period,
                       user=self.user,
                       counts={level: counts.get(k) for k, level in levels.items()})
            self.count(key not in current, True, "rating")
        if self.delete_missing:
            for element_slug, period_slug, scale_key in set(current) - seen:
                scale = scales[scale_key]
                period = next(p for p in self.periods.values() if p.slug == period_slug)
                self.guard(f"monitoring.ratings «{element_slug}»", services.ratings_save,
                           element=self.plan.elements.get(slug=element_slug), period=period,
                           user=self.user, counts=dict.fromkeys(scale.levels.all()))
                self.report.deleted["rating"] += 1

    # events -------------------------------------------------------------------------------

    def write_events(self, current: dict) -> None:
        seen = set()
        keys_taken = set()
        for i, item in enumerate(self.monitoring.get("events") or [], start=1):
            where = f"monitoring.events[{i}] «{item.get('date') or item.get('year')} " \
                    f"{str(item.get('title') or '')[:40]}»"
            element = self.element(where, item.get("element"))
            date = self.date(where, item.get("date"))
            year = date.year if date else item.get("year")
            title = " ".join(str(item.get("title") or "").split())
            key = item.get("key") or slugify(f"{date.isoformat() if date else year}-{title}")[:110]
            base, n = key, 2
            while key in keys_taken:
                key, n = f"{base}-{n}", n + 1
            keys_taken.add(key)
            bodies = [b for b in (self.body(where, ref) for ref in item.get("bodies") or []) if b]
            organizations = list(Organization.objects.filter(
                slug__in=item.get("organizations") or []))
            if len(organizations) != len(set(item.get("organizations") or [])):
                self.error(where, _("an organisation taking part does not exist."))
            split = {option: int(n) for option, n in
                     self.options(where, item.get("attendance_split")).items() if n is not None}
            wanted = {
                "key": key, "element": element.slug if element else None, "year": year,
                "date": date.isoformat() if date else None,
                "kind": item.get("kind") or Event.Kind.MEETING, "title": title,
                "description": markup_to_html(item.get("description") or ""),
                "count": int(item.get("count") or 1),
                "bodies": sorted(b.slug for b in bodies),
                "organizations": sorted(o.slug for o in organizations),
                "attendance": item.get("attendance"),
                "attendance_split": {f"{o.category.key}/{o.key}": n for o, n in split.items()},
            }
            seen.add(key)
            if current.get(key) == wanted:
                self.count(False, False, "event")
                continue
            try:
                services.event_save(
                    plan=self.plan, user=self.user, key=key,
                    event=Event.objects.filter(plan=self.plan, key=key).first(),
                    element=element, date=date, year=year, kind=wanted["kind"], title=title,
                    description=wanted["description"], count=wanted["count"], bodies=bodies,
                    organizations=organizations, attendance=wanted["attendance"],
                    attendance_split=split)
                self.count(key not in current, True, "event")
            except ValidationError as error:
                self.error(where, error)
        if self.delete_missing:
            for key in set(current) - seen:
                self.guard(f"monitoring.events «{key}»", services.event_delete,
                           event=Event.objects.get(plan=self.plan, key=key), user=self.user)
                self.report.deleted["event"] += 1

    def date(self, where: str, value):
        if value in (None, ""):
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(where, _("“%(value)s” is not a date (29/03/2022 or 2022-03-29).")
                       % {"value": value})
            return None

    # budgets ------------------------------------------------------------------------------

    def write_budgets(self, current: dict) -> None:
        seen = set()
        for i, item in enumerate(self.budgets, start=1):
            where = f"budgets[{i}] «{item.get('element') or self.plan.slug}»"
            element = self.element(where, item.get("element"))
            if item.get("element") and element is None:
                continue
            total = self.decimal(where, item.get("period_total"))
            lines = []
            for j, line in enumerate(item.get("lines") or [], start=1):
                lines.append({"year": line.get("year"), "chapter": line.get("chapter"),
                              "phase": line.get("phase") or "executed",
                              "amount": money(self.decimal(f"{where}.lines[{j}]",
                                                           line.get("amount"))),
                              "concept": line.get("concept") or ""})
            costs = []
            for j, cost in enumerate(item.get("personnel_costs") or [], start=1):
                hours = self.decimal(f"{where}.personnel_costs[{j}]", cost.get("hours"))
                rate = self.decimal(f"{where}.personnel_costs[{j}]", cost.get("hourly_cost"))
                costs.append({"year": cost.get("year"), "chapter": cost.get("chapter") or 1,
                              "phase": cost.get("phase") or "executed",
                              "hours": number(hours), "hourly_cost": money(rate),
                              "concept": cost.get("concept") or ""})
            key = element.slug if element else None
            seen.add(key)
            existing = current.get(key)
            existing_costs = [{k: v for k, v in c.items() if k != "amount"}
                              for c in (existing or {}).get("personnel_costs", [])]
            wanted = {"element": key, "period_total": money(total),
                      "note": (item.get("note") or "").strip(), "lines": lines}
            if (existing is not None and {k: existing[k] for k in wanted if k != "lines"}
                    == {k: v for k, v in wanted.items() if k != "lines"}
                    and _same_rows(existing["lines"], lines)
                    and _same_rows(existing_costs, costs)):
                self.count(False, False, "budget")
                continue
            budget = self.guard(where, budget_services.budget_save, plan=self.plan,
                                user=self.user, element=element, period_total=total,
                                note=wanted["note"])
            if budget is None:
                continue
            if existing is None or not _same_rows(existing["lines"], lines):
                stale, fresh = _row_changes(
                    [({"year": line.year, "chapter": line.chapter, "phase": line.phase,
                       "amount": money(line.amount), "concept": line.concept}, line)
                     for line in budget.lines.all()], lines)
                for line in stale:
                    self.guard(where, budget_services.budget_line_delete, line=line,
                               user=self.user)
                for j, line in fresh:
                    self.guard(f"{where}.lines[{j}]", budget_services.budget_line_save,
                               budget=budget, user=self.user, year=line["year"],
                               chapter=line["chapter"], phase=line["phase"],
                               amount=Decimal(line["amount"]) if line["amount"] else None,
                               concept=line["concept"])
            if not _same_rows(existing_costs, costs):
                stale, fresh = _row_changes(
                    [({"year": cost.year, "chapter": cost.chapter, "phase": cost.phase,
                       "hours": number(cost.hours), "hourly_cost": money(cost.hourly_cost),
                       "concept": cost.concept}, cost)
                     for cost in budget.personnel_costs.all()], costs)
                for cost in stale:
                    self.guard(where, budget_services.personnel_cost_delete, cost=cost,
                               user=self.user)
                for j, cost in fresh:
                    self.guard(f"{where}.personnel_costs[{j}]",
                               budget_services.personnel_cost_save, budget=budget,
                               user=self.user, year=cost["year"], chapter=cost["chapter"],
                               phase=cost["phase"],
                               hours=Decimal(cost["hours"]) if cost["hours"] else None,
                               hourly_cost=(Decimal(cost["hourly_cost"])
                                            if cost["hourly_cost"] else None),
                               concept=cost["concept"])
            self.count(existing is None, True, "budget")
        if self.delete_missing:
            for key in set(current) - seen:
                budget = Budget.objects.get(plan=self.plan, element__slug=key) if key else \
                    Budget.objects.get(plan=self.plan, element__isnull=True)
                change_record(user=self.user, obj=budget, plan=self.plan,
                              action=Change.Action.DELETE, before=snapshot_of(budget))
                budget.delete()
                self.report.deleted["budget"] += 1


def _row_key(row: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in row.items()))


def _same_rows(current: list[dict], wanted: list[dict]) -> bool:
    """Budget lines (or costs) are the same whatever order a document lists them in."""
    return sorted(map(_row_key, current)) == sorted(map(_row_key, wanted))


def _row_changes(current: list[tuple[dict, object]], wanted: list[dict]):
    """What turns ``current`` (rows with their objects) into ``wanted``: the objects whose
    row is no longer wanted, and the wanted rows (numbered from 1) not there yet. Rows that
    stay are not touched, so that lines of a closed year can stay while others change."""
    left = {}
    for row, obj in current:
        left.setdefault(_row_key(row), []).append(obj)
    fresh = []
    for j, row in enumerate(wanted, start=1):
        same = left.get(_row_key(row))
        if same:
            same.pop()
        else:
            fresh.append((j, row))
    return [obj for objects in left.values() for obj in objects], fresh

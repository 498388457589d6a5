"""Every write of monitoring data: the policy, periods (and closing them), progress,
indicators and their values, ratings and events.

Same contract as ``plans.services``: validate, one transaction, a history record, and a
``ValidationError`` naming the field and the problem in the user's language when the write
cannot be done — a negative or oversized figure, a split larger than its total, a date outside
the plan, data of a closed period — with nothing stored.
"""

from collections.abc import Iterable
from datetime import date as Date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.richtext import markup_to_html
from history.models import Change
from history.services import change_record, change_records, snapshot_of
from monitoring import calc
from monitoring.models import (
    DisaggregationCategory,
    DisaggregationOption,
    Event,
    EventAttendance,
    Indicator,
    IndicatorSplit,
    IndicatorValue,
    MonitoringPolicy,
    Period,
    Progress,
    Rating,
    RatingLevel,
    RatingScale,
)
from organizations.models import Body, Organization
from plans.models import Element, Plan


def _record(obj, *, user, plan, before, action=None) -> None:
    after = snapshot_of(obj)
    if before != after:
        change_record(user=user, obj=obj, plan=plan, before=before, after=after,
                      action=action or (Change.Action.CREATE if before is None
                                        else Change.Action.UPDATE))


def _record_deletion(obj, *, user, plan) -> None:
    change_record(user=user, obj=obj, plan=plan, action=Change.Action.DELETE,
                  before=snapshot_of(obj))


# Policy and periods ---------------------------------------------------------------------------

def policy_of(plan: Plan) -> MonitoringPolicy:
    """The plan's policy, or the defaults (unsaved) when none has been set."""
    try:
        return plan.monitoring_policy
    except MonitoringPolicy.DoesNotExist:
        return MonitoringPolicy(plan=plan)


@transaction.atomic
def policy_update(*, plan: Plan, user, period_kind: str, pace: str, tolerance: Decimal,
                  rollup: str, data_note: str = "", publication: str | None = None
                  ) -> MonitoringPolicy:
    policy = policy_of(plan)
    before = snapshot_of(policy) if policy.pk else None
    if tolerance is None or not 0 <= tolerance <= 100:
        raise ValidationError({"tolerance": _("The tolerance is a number of points from 0 to "
                                              "100.")})
    policy.period_kind, policy.pace, policy.tolerance = period_kind, pace, tolerance
    policy.rollup, policy.data_note = rollup, data_note.strip()
    if publication is not None:
        policy.publication = publication
    policy.full_clean(exclude=["plan"])
    policy.save()
    _record(policy, user=user, plan=plan, before=before)
    return policy


def require_open_period(period: Period) -> None:
    if period.is_closed:
        raise ValidationError(_("The period %(period)s is closed: its data can no longer "
                                "change. An administrator can reopen it.")
                              % {"period": period.label})


def require_open_year(*, plan: Plan, year: int, date: Date | None = None) -> None:
    """Data of a date is locked when the period holding that date is closed; data of a whole
    year, when all the periods of that year are closed."""
    periods = list(Period.objects.filter(plan=plan, year=year))
    if date is not None:
        periods = [p for p in periods if p.starts_on <= date <= p.ends_on]
    if periods and all(p.is_closed for p in periods):
        label = periods[0].label if date is not None else str(year)
        raise ValidationError(_("The period %(period)s is closed: its data can no longer "
                                "change. An administrator can reopen it.") % {"period": label})


def _validate_period_fits(*, plan: Plan, kind: str, year: int, number: int) -> None:
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError({"year": _("%(year)s is outside the plan's period (%(period)s).")
                               % {"year": year, "period": plan.period_label}})
    if not 1 <= number <= calc.PERIODS_PER_YEAR[kind]:
        raise ValidationError({"number": _("A year has %(count)s periods of this kind.")
                               % {"count": calc.PERIODS_PER_YEAR[kind]}})


@transaction.atomic
def period_create(*, plan: Plan, user, kind: str, year: int, number: int = 1) -> Period:
    _validate_period_fits(plan=plan, kind=kind, year=year, number=number)
    if Period.objects.filter(plan=plan, kind=kind, year=year, number=number).exists():
        raise ValidationError({"year": _("This period already exists.")})
    period = Period.objects.create(plan=plan, kind=kind, year=year, number=number)
    _record(period, user=user, plan=plan, before=None)
    return period


@transaction.atomic
def periods_generate(*, plan: Plan, user, kind: str) -> list[Period]:
    """Create every period of ``kind`` in the plan's years that does not exist yet."""
    created = []
    existing = set(Period.objects.filter(plan=plan, kind=kind).values_list("year", "number"))
    for year in plan.years:
        for number in range(1, calc.PERIODS_PER_YEAR[kind] + 1):
            if (year, number) not in existing:
                created.append(period_create(plan=plan, user=user, kind=kind, year=year,
                                             number=number))
    return created


@transaction.atomic
def period_close(*, period: Period, user) -> Period:
    """Lock the period's data. Only an organisation administrator may (checked by the
    gateway); recorded in the history."""
    if period.is_closed:
        raise ValidationError(_("The period %(period)s is already closed.")
                              % {"period": period.label})
    before = snapshot_of(period)
    period.status, period.closed_at, period.closed_by = Period.Status.CLOSED, timezone.now(), user
    period.save()
    _record(period, user=user, plan=period.plan, before=before, action=Change.Action.STATUS)
    return period


@transaction.atomic
def period_reopen(*, period: Period, user) -> Period:
    if not period.is_closed:
        raise ValidationError(_("The period %(period)s is not closed.")
                              % {"period": period.label})
    before = snapshot_of(period)
    period.status, period.closed_at, period.closed_by = Period.Status.OPEN, None, None
    period.save()
    _record(period, user=user, plan=period.plan, before=before, action=Change.Action.STATUS)
    return period


# Progress -------------------------------------------------------------------------------------

def _validate_percent(percent: Decimal | None, field: str = "percent") -> None:
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({field: _("A percentage goes from 0 to 100; %(value)s is not "
                                        "one.") % {"value": percent}})


def _validate_bodies(bodies: Iterable[Body], plan: Plan, field: str) -> list[Body]:
    bodies = list(bodies)
    if any(body.organization_id != plan.organization_id for body in bodies):
        raise ValidationError({field: _("Every body must belong to %(organization)s.")
                               % {"organization": plan.organization.name}})
    return bodies


def _checked_progress(*, element: Element, period: Period, status: str,
                      percent: Decimal | None, bodies: Iterable[Body]):
    """The percentage and bodies of a progress entry, once checked (or ValidationError)."""
    if period.plan_id != element.plan_id:
        raise ValidationError(_("The period belongs to another plan."))
    require_open_period(period)
    percent = None if percent is None else Decimal(str(percent))
    _validate_percent(percent)
    if status not in Progress.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Progress.Status.FINISHED and percent is not None and percent != 100:
        # "%%" keeps gettext from reading "% e" as a placeholder; "% {}" turns it into "%".
        raise ValidationError({"percent": _("A finished element is 100 %% executed; change "
                                            "the status or the percentage.") % {}})
    return percent, _validate_bodies(bodies, element.plan, "bodies")


@transaction.atomic
def progress_save(*, element: Element, period: Period, user, status: str,
                  percent: Decimal | None, deployment: str = "", next_actions: str = "",
                  bodies: Iterable[Body] = ()) -> Progress:
    """Record an element's execution in a period (creating or changing its entry)."""
    percent, bodies = _checked_progress(element=element, period=period, status=status,
                                        percent=percent, bodies=bodies)
    progress = Progress.objects.filter(element=element, period=period).first()
    before = snapshot_of(progress) if progress else None
    progress = progress or Progress(element=element, period=period)
    progress.status, progress.percent = status, percent
    progress.deployment = markup_to_html(deployment)
    progress.next_actions = markup_to_html(next_actions)
    progress.save()
    progress.bodies.set(bodies)
    _record(progress, user=user, plan=element.plan, before=before)
    return progress


@transaction.atomic
def progress_create_many(*, plan: Plan, user, entries: list[dict]) -> list:
    """Create many progress entries at once (elements and periods with no entry yet), with
    the checks and the history of :func:`progress_save`. ``entries`` hold the arguments of
    :func:`progress_save` but ``user``. Returns the (index, ValidationError) of each entry
    that could not be stored; the others are stored."""
    errors, rows = [], []
    for index, entry in enumerate(entries):
        try:
            percent, bodies = _checked_progress(
                element=entry["element"], period=entry["period"], status=entry["status"],
                percent=entry.get("percent"), bodies=entry.get("bodies") or ())
        except ValidationError as error:
            errors.append((index, error))
            continue
        progress = Progress(element=entry["element"], period=entry["period"],
                            status=entry["status"], percent=percent,
                            deployment=markup_to_html(entry.get("deployment") or ""),
                            next_actions=markup_to_html(entry.get("next_actions") or ""))
        rows.append((progress, bodies))
    Progress.objects.bulk_create([progress for progress, _bodies in rows])
    through = Progress.bodies.through
    through.objects.bulk_create(through(progress_id=progress.pk, body_id=body.pk)
                                for progress, bodies in rows for body in bodies)
    created = [progress for progress, _bodies in rows]
    for start in range(0, len(created), 500):  # what the snapshots read, without a query each
        prefetch_related_objects(created[start:start + 500], "bodies")
    change_records(user=user, plan=plan, action=Change.Action.CREATE,
                   entries=[(progress, None, snapshot_of(progress)) for progress in created])
    return errors


@transaction.atomic
def progress_clear(*, progress: Progress, user) -> None:
    """Remove an element's entry for a period: it shows as “no data” again."""
    require_open_period(progress.period)
    _record_deletion(progress, user=user, plan=progress.element.plan)
    progress.delete()


# Indicators -----------------------------------------------------------------------------------

@transaction.atomic
def indicator_save(*, plan: Plan, user, name: str, indicator: Indicator | None = None,
                   element: Element | None = None, slug: str = "", description: str = "",
                   unit: str = "", measure_type: str = Indicator.MeasureType.COUNT,
                   higher_is_better: bool = True,
                   time_aggregation: str = Indicator.TimeAggregation.SUM,
                   organization_aggregation: str = Indicator.OrganizationAggregation.SUM,
                   categories: Iterable = ()) -> Indicator:
    """Define an indicator of ``plan`` (attached to ``element``, or to the plan)."""
    if element is not None and element.plan_id != plan.pk:
        raise ValidationError({"element": _("The element must belong to the same plan.")})
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write the indicator's name.")})
    slug = slug or slugify(name)[:80] or "indicador"
    if Indicator.objects.filter(plan=plan, slug=slug).exclude(
            pk=getattr(indicator, "pk", None)).exists():
        raise ValidationError({"slug": _("Another indicator of this plan already uses the "
                                         "identifier “%(slug)s”.") % {"slug": slug}})
    categories = list(categories)
    for category in categories:
        if category.organization_id not in (None, plan.organization_id):
            raise ValidationError({"categories": _("The category “%(category)s” belongs to "
                                                   "another organisation.")
                                   % {"category": category}})
    before = snapshot_of(indicator) if indicator else None
    if indicator is None:
        last = plan.indicators.aggregate(last=Max("order"))["last"] or 0
        indicator = Indicator(plan=plan, order=last + 1)
    indicator.element, indicator.slug, indicator.name = element, slug, name
    indicator.description = markup_to_html(description)
    indicator.unit, indicator.measure_type = unit.strip(), measure_type
    indicator.higher_is_better = higher_is_better
    indicator.time_aggregation = time_aggregation
    indicator.organization_aggregation = organization_aggregation
    indicator.full_clean(exclude=["plan", "element"], validate_constraints=False,
                         validate_unique=False)
    indicator.save()
    indicator.categories.set(categories)
    _record(indicator, user=user, plan=plan, before=before)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, user) -> None:
    closed = indicator.values.filter(period__status=Period.Status.CLOSED)
    if closed.exists():
        raise ValidationError(_("The indicator has values in closed periods (%(periods)s); it "
                                "cannot be deleted.")
                              % {"periods": ", ".join(sorted({v.period.label for v in
                                                               closed.select_related("period")}))})
    for value in indicator.values.all():
        _record_deletion(value, user=user, plan=indicator.plan)
    _record_deletion(indicator, user=user, plan=indicator.plan)
    indicator.delete()


def _validate_amount(indicator: Indicator, amount: Decimal | None, field: str) -> None:
    if amount is None:
        return
    if amount < 0:
        raise ValidationError({field: _("A figure cannot be negative (%(value)s).")
                               % {"value": amount}})
    if indicator.measure_type == Indicator.MeasureType.PERCENT and amount > 100:
        raise ValidationError({field: _("A percentage goes from 0 to 100; %(value)s is not "
                                        "one.") % {"value": amount}})
    if (indicator.measure_type in (Indicator.MeasureType.COUNT, Indicator.MeasureType.ORDINAL)
            and amount != amount.to_integral_value()):
        raise ValidationError({field: _("A count is a whole number; %(value)s is not one.")
                               % {"value": amount}})


@transaction.atomic
def indicator_value_save(*, indicator: Indicator, period: Period, user, total: Decimal | None,
                         kind: str = IndicatorValue.Kind.ACTUAL, text: str = "",
                         splits: dict[DisaggregationOption, Decimal | None] | None = None,
                         ) -> IndicatorValue | None:
    """Record a value (with its split) of an indicator in a period. Everything empty removes
    the value: it shows as “no data” again. Returns the value, or None when removed."""
    if period.plan_id != indicator.plan_id:
        raise ValidationError(_("The period belongs to another plan."))
    require_open_period(period)
    splits = {option: Decimal(str(amount)) for option, amount in (splits or {}).items()
              if amount is not None}
    total = None if total is None else Decimal(str(total))
    _validate_amount(indicator, total, "total")
    allowed = set(DisaggregationOption.objects.filter(
        category__in=indicator.categories.all()).values_list("pk", flat=True))
    for option, amount in splits.items():
        if option.pk not in allowed:
            raise ValidationError({"splits": _("“%(option)s” is not a split of this indicator.")
                                   % {"option": option}})
        _validate_amount(indicator, amount, "splits")
    if total is not None:
        by_category: dict[int, Decimal] = {}
        for option, amount in splits.items():
            by_category[option.category_id] = by_category.get(option.category_id, 0) + amount
        for amount in by_category.values():
            if amount > total:
                raise ValidationError({"splits": _(
                    "The split adds up to %(split)s, more than the recorded total of "
                    "%(total)s.") % {"split": _plain(amount), "total": _plain(total)}})
    if indicator.measure_type == Indicator.MeasureType.QUALITATIVE and total is not None:
        raise ValidationError({"total": _("A qualitative indicator is written in words, in "
                                          "the text.")})
    value = IndicatorValue.objects.filter(indicator=indicator, period=period, kind=kind).first()
    before = snapshot_of(value) if value else None
    if total is None and not splits and not text.strip():
        if value is not None:
            _record_deletion(value, user=user, plan=indicator.plan)
            value.delete()
        return None
    value = value or IndicatorValue(indicator=indicator, period=period, kind=kind)
    value.total, value.text = total, text.strip()
    value.save()
    value.splits.all().delete()
    IndicatorSplit.objects.bulk_create(IndicatorSplit(value=value, option=option, amount=amount)
                                       for option, amount in splits.items())
    _record(value, user=user, plan=indicator.plan, before=before)
    return value


def _plain(amount: Decimal) -> str:
    return format(amount.normalize(), "f")


# Ratings --------------------------------------------------------------------------------------

@transaction.atomic
def rating_scale_save(*, plan: Plan, user, key: str, name: str, levels: list[tuple[str, str]],
                      description: str = "", scale: RatingScale | None = None) -> RatingScale:
    """Define an ordinal scale and its levels, lowest first: ``[(key, name), …]``."""
    if not levels:
        raise ValidationError({"levels": _("A scale needs its levels.")})
    if len({k for k, _n in levels}) != len(levels):
        raise ValidationError({"levels": _("Two levels share an identifier.")})
    if RatingScale.objects.filter(plan=plan, key=key).exclude(
            pk=getattr(scale, "pk", None)).exists():
        raise ValidationError({"key": _("Another scale of this plan already uses the "
                                        "identifier “%(key)s”.") % {"key": key}})
    scale = scale or RatingScale(plan=plan, order=plan.rating_scales.count() + 1)
    scale.key, scale.name, scale.description = key, name.strip(), description.strip()
    scale.save()
    existing = {level.key: level for level in scale.levels.all()}
    for order, (level_key, level_name) in enumerate(levels, start=1):
        level = existing.pop(level_key, None) or RatingLevel(scale=scale, key=level_key)
        level.name, level.order = level_name, order
        level.save()
    for level in existing.values():
        if level.ratings.filter(period__status=Period.Status.CLOSED).exists():
            raise ValidationError({"levels": _("The level “%(level)s” has ratings in closed "
                                               "periods.") % {"level": level}})
        level.delete()
    change_record(user=user, obj=scale, plan=plan, action=Change.Action.UPDATE,
                  after={"key": key, "name": name, "levels": [n for _k, n in levels]})
    return scale


@transaction.atomic
def ratings_save(*, element: Element, period: Period, user,
                 counts: dict[RatingLevel, int | None]) -> None:
    """Record how many answers gave each level (one scale's distribution for the element)."""
    if period.plan_id != element.plan_id:
        raise ValidationError(_("The period belongs to another plan."))
    require_open_period(period)
    for level, count in counts.items():
        if level.scale.plan_id != element.plan_id:
            raise ValidationError(_("The scale belongs to another plan."))
        if count is not None and count < 0:
            raise ValidationError({"counts": _("A number of answers cannot be negative.")})
        rating = Rating.objects.filter(element=element, period=period, level=level).first()
        if not count:
            if rating is not None:
                _record_deletion(rating, user=user, plan=element.plan)
                rating.delete()
            continue
        before = snapshot_of(rating) if rating else None
        rating = rating or Rating(element=element, period=period, level=level)
        rating.count = count
        rating.save()
        _record(rating, user=user, plan=element.plan, before=before)


# Events ---------------------------------------------------------------------------------------

@transaction.atomic
def event_save(*, plan: Plan, user, title: str, year: int, event: Event | None = None,
               element: Element | None = None, date: Date | None = None,
               kind: str = Event.Kind.MEETING, description: str = "", count: int = 1,
               bodies: Iterable[Body] = (), organizations: Iterable[Organization] = (),
               attendance: int | None = None,
               attendance_split: dict[DisaggregationOption, int | None] | None = None,
               key: str = "") -> Event:
    """Record a dated activity (or a counted one, with only its year)."""
    title = " ".join(title.split())
    errors = {}
    if not title:
        errors["title"] = _("Write what the activity was.")
    if element is not None and element.plan_id != plan.pk:
        errors["element"] = _("The element must belong to the same plan.")
    if date is not None:
        year = date.year
    if year is None or not plan.start_year <= year <= plan.end_year:
        errors["date" if date else "year"] = _(
            "%(value)s is outside the plan's period (%(period)s).") % {
            "value": date.strftime("%d/%m/%Y") if date else year, "period": plan.period_label}
    if count is None or count < 1:
        errors["count"] = _("An activity happens at least once.")
    split = {option: n for option, n in (attendance_split or {}).items() if n is not None}
    if any(n < 0 for n in split.values()) or (attendance is not None and attendance < 0):
        errors["attendance"] = _("A number of people cannot be negative.")
    elif attendance is not None and sum(split.values()) > attendance:
        errors["attendance"] = _("The split adds up to %(split)s, more than the %(total)s "
                                 "people attending.") % {"split": sum(split.values()),
                                                         "total": attendance}
    if errors:
        raise ValidationError(errors)
    require_open_year(plan=plan, year=year, date=date)
    if event is not None and (event.year, event.date) != (year, date):
        require_open_year(plan=plan, year=event.year, date=event.date)
    bodies = _validate_bodies(bodies, plan, "bodies")
    before = snapshot_of(event) if event else None
    if event is None:
        base = key or slugify(f"{date.isoformat() if date else year}-{title}")[:110]
        taken = set(Event.objects.filter(plan=plan, key__startswith=base)
                    .values_list("key", flat=True))
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        event = Event(plan=plan, key=key)
    event.element, event.year, event.date, event.kind = element, year, date, kind
    event.title, event.description = title, markup_to_html(description)
    event.count, event.attendance = count, attendance
    event.full_clean(exclude=["plan", "element"], validate_unique=False,
                     validate_constraints=False)
    event.save()
    event.bodies.set(bodies)
    event.organizations.set(list(organizations))
    event.attendance_split.all().delete()
    EventAttendance.objects.bulk_create(EventAttendance(event=event, option=option, count=n)
                                        for option, n in split.items())
    _record(event, user=user, plan=plan, before=before)
    return event


@transaction.atomic
def event_delete(*, event: Event, user) -> None:
    require_open_year(plan=event.plan, year=event.year, date=event.date)
    _record_deletion(event, user=user, plan=event.plan)
    event.delete()


# Disaggregation categories ----------------------------------------------------------------

@transaction.atomic
def category_save(*, organization: Organization, user, name_ca: str, options: list[dict],
                  name_es: str = "", name_en: str = "", key: str = "",
                  category: DisaggregationCategory | None = None) -> DisaggregationCategory:
    """Create or change one of an organisation's disaggregation categories (age band, type
    of entity…) with its options, in order. ``options``: dicts with ``name_ca`` and optionally
    ``id`` (an existing option), ``name_es``, ``name_en``, ``is_not_recorded``."""
    if category is not None and category.organization_id != organization.pk:
        raise ValidationError(_("Shared categories cannot be changed here."))
    name_ca = " ".join(name_ca.split())
    if not name_ca:
        raise ValidationError({"name_ca": _("Write the name in Catalan.")})
    options = [o for o in options if (o.get("name_ca") or "").strip()]
    if len(options) < 2:
        raise ValidationError({"options": _("A category needs at least two options.")})
    key = key or slugify(name_ca)[:40] or "categoria"
    clash = DisaggregationCategory.objects.filter(Q(organization=organization)
                                                  | Q(organization__isnull=True), key=key)
    if clash.exclude(pk=getattr(category, "pk", None)).exists():
        raise ValidationError({"key": _("Another category already uses the identifier "
                                        "“%(key)s”.") % {"key": key}})
    category = category or DisaggregationCategory(organization=organization)
    before = {"name": category.name_ca, "options": [o.name_ca for o in category.options.all()]} \
        if category.pk else None
    category.key, category.name_ca = key, name_ca
    category.name_es, category.name_en = name_es.strip(), name_en.strip()
    category.save()
    existing = {o.pk: o for o in category.options.all()}
    keys = set()
    for order, data in enumerate(options, start=1):
        option = existing.pop(data.get("id"), None) or DisaggregationOption(category=category)
        option.name_ca = " ".join(data["name_ca"].split())
        option.name_es = (data.get("name_es") or "").strip()
        option.name_en = (data.get("name_en") or "").strip()
        for language in ("ca", "es", "en"):
            if f"plural_{language}" in data:
                setattr(option, f"plural_{language}",
                        (data.get(f"plural_{language}") or "").strip())
        option.is_not_recorded = bool(data.get("is_not_recorded"))
        option.order = order
        option.key = option.key or slugify(option.name_ca)[:40] or f"opcio-{order}"
        if option.key in keys:
            raise ValidationError({"options": _("Two options are called “%(name)s”.")
                                   % {"name": option.name_ca}})
        keys.add(option.key)
        option.save()
    for option in existing.values():
        if (IndicatorSplit.objects.filter(option=option).exists()
                or EventAttendance.objects.filter(option=option).exists()):
            raise ValidationError({"options": _("The option “%(option)s” has figures recorded; "
                                                "it cannot be removed.") % {"option": option}})
        option.delete()
    change_record(user=user, obj=category, organization=organization, before=before,
                  after={"name": name_ca, "options": [o["name_ca"] for o in options]},
                  action=Change.Action.CREATE if before is None else Change.Action.UPDATE)
    return category

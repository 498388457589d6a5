"""Every write of budget data. Same contract as ``plans.services``: negative amounts, years
outside the plan, unknown chapters and data of closed years are refused, naming the field."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgets.models import Budget, BudgetLine, Chapter, PersonnelCost, Phase
from history.models import Change
from history.services import change_record, snapshot_of
from monitoring.services import require_open_year
from plans.models import Element, Plan


def _record(obj, *, user, plan, before) -> None:
    after = snapshot_of(obj)
    if before != after:
        change_record(user=user, obj=obj, plan=plan, before=before, after=after,
                      action=Change.Action.CREATE if before is None else Change.Action.UPDATE)


def require_open_budget_year(budget: Budget, year: int) -> None:
    require_open_year(plan=budget.plan, year=year)


def _validate_money(value: Decimal | None, field: str) -> None:
    if value is not None and value < 0:
        raise ValidationError({field: _("An amount cannot be negative (%(value)s €).")
                               % {"value": value}})


def _validate_year(plan: Plan, year: int) -> None:
    if year is None or not plan.start_year <= year <= plan.end_year:
        raise ValidationError({"year": _("%(year)s is outside the plan's period (%(period)s).")
                               % {"year": year, "period": plan.period_label}})


def _validate_chapter(chapter: int | None, *, required: bool = False) -> None:
    if chapter is None and not required:
        return
    if chapter not in Chapter.values:
        raise ValidationError({"chapter": _("A chapter is one of I to IX.")})


@transaction.atomic
def budget_save(*, plan: Plan, user, element: Element | None = None,
                period_total: Decimal | None = None, note: str = "") -> Budget:
    """Set the budget for the whole period of ``plan`` or of one of its elements."""
    if element is not None and element.plan_id != plan.pk:
        raise ValidationError({"element": _("The element must belong to the same plan.")})
    _validate_money(period_total, "period_total")
    budget = Budget.objects.filter(plan=plan, element=element).first()
    before = snapshot_of(budget) if budget else None
    budget = budget or Budget(plan=plan, element=element)
    budget.period_total, budget.note = period_total, note.strip()
    budget.save()
    _record(budget, user=user, plan=plan, before=before)
    return budget


@transaction.atomic
def budget_line_save(*, budget: Budget, user, year: int, phase: str, amount: Decimal,
                     chapter: int | None = None, concept: str = "",
                     line: BudgetLine | None = None) -> BudgetLine:
    _validate_year(budget.plan, year)
    _validate_chapter(chapter)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Unknown budget phase.")})
    if amount is None:
        raise ValidationError({"amount": _("Write the amount.")})
    _validate_money(amount, "amount")
    require_open_budget_year(budget, year)
    if line is not None and line.year != year:
        require_open_budget_year(budget, line.year)
    before = snapshot_of(line) if line else None
    line = line or BudgetLine(budget=budget)
    line.year, line.chapter, line.phase = year, chapter, phase
    line.amount, line.concept = amount, concept.strip()
    line.save()
    _record(line, user=user, plan=budget.plan, before=before)
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, user) -> None:
    require_open_budget_year(line.budget, line.year)
    change_record(user=user, obj=line, plan=line.budget.plan, action=Change.Action.DELETE,
                  before=snapshot_of(line))
    line.delete()


@transaction.atomic
def personnel_cost_save(*, budget: Budget, user, year: int, hours: Decimal,
                        hourly_cost: Decimal, chapter: int = Chapter.I,
                        phase: str = Phase.EXECUTED, concept: str = "",
                        cost: PersonnelCost | None = None) -> PersonnelCost:
    """Personnel co-financing as hours × cost per hour; the amount is always computed."""
    _validate_year(budget.plan, year)
    _validate_chapter(chapter, required=True)
    if hours is None or hours <= 0:
        raise ValidationError({"hours": _("The hours must be more than zero.")})
    if hourly_cost is None:
        raise ValidationError({"hourly_cost": _("Write the cost per hour.")})
    _validate_money(hourly_cost, "hourly_cost")
    require_open_budget_year(budget, year)
    if cost is not None and cost.year != year:
        require_open_budget_year(budget, cost.year)
    before = snapshot_of(cost) if cost else None
    cost = cost or PersonnelCost(budget=budget)
    cost.year, cost.chapter, cost.phase = year, chapter, phase
    cost.hours, cost.hourly_cost, cost.concept = hours, hourly_cost, concept.strip()
    cost.save()
    _record(cost, user=user, plan=budget.plan, before=before)
    return cost


@transaction.atomic
def personnel_cost_delete(*, cost: PersonnelCost, user) -> None:
    require_open_budget_year(cost.budget, cost.year)
    change_record(user=user, obj=cost, plan=cost.budget.plan, action=Change.Action.DELETE,
                  before=snapshot_of(cost))
    cost.delete()

"""Access gateway for budgets: fetched through their plan (see plans.permissions)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from budgets.models import Budget, BudgetLine, PersonnelCost
from organizations.permissions import can_view_organization
from plans.models import Plan
from plans.permissions import can_edit_plan


def _require(user, plan: Plan, *, write: bool) -> None:
    if not can_view_organization(user, plan.organization):
        raise Http404
    if write and not can_edit_plan(user, plan):
        raise PermissionDenied


def budget_for_user(user, plan: Plan, budget_id: int, *, write: bool = False) -> Budget:
    _require(user, plan, write=write)
    return get_object_or_404(Budget.objects.select_related("element"), plan=plan, pk=budget_id)


def line_for_user(user, budget: Budget, line_id: int, *, write: bool = False) -> BudgetLine:
    _require(user, budget.plan, write=write)
    return get_object_or_404(BudgetLine, budget=budget, pk=line_id)


def cost_for_user(user, budget: Budget, cost_id: int, *, write: bool = False) -> PersonnelCost:
    _require(user, budget.plan, write=write)
    return get_object_or_404(PersonnelCost, budget=budget, pk=cost_id)

"""History of budget records (see history.rows)."""

from budgets.models import Budget, BudgetLine, PersonnelCost
from history.rows import register_rows


def _check_open(obj) -> None:
    from budgets.services import require_open_budget_year

    require_open_budget_year(obj.budget, obj.year)


def register_all() -> None:
    register_rows(Budget, fields=("plan", "element", "period_total", "note"),
                  plan_of=lambda o: o.plan)
    register_rows(BudgetLine, fields=("budget", "year", "chapter", "phase", "amount", "concept"),
                  plan_of=lambda o: o.budget.plan, check=_check_open)
    register_rows(PersonnelCost, fields=("budget", "year", "chapter", "phase", "hours",
                                         "hourly_cost", "concept"),
                  plan_of=lambda o: o.budget.plan, check=_check_open)

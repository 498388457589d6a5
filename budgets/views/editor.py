"""Editor pages of budgets: per plan or element, the period budget and its lines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from budgets import services
from budgets.forms import BudgetForm, BudgetLineForm, PersonnelCostForm
from budgets.models import Budget
from budgets.permissions import budget_for_user, cost_for_user, line_for_user
from core.forms import form_saved
from monitoring import selectors
from plans.permissions import can_edit_plan, plan_for_member


def _budget_url(budget: Budget) -> str:
    plan = budget.plan
    return reverse("editor:budget", kwargs={"org": plan.organization.slug, "plan": plan.slug,
                                            "budget_id": budget.pk})


@login_required
@require_safe
def budget_list(request, org, plan):
    plan = plan_for_member(request.user, org, plan)
    periods = selectors.periods_of(plan)
    current = selectors.current_period(periods)
    year = current.year if current else plan.end_year
    return render(request, "budgets/budget_list.html", {
        "organization": plan.organization, "plan": plan, "section": "editor", "year": year,
        "summaries": selectors.budget_summaries(plan, up_to_year=year),
        "can_edit": can_edit_plan(request.user, plan)})


@login_required
def budget_create(request, org, plan):
    plan = plan_for_member(request.user, org, plan, write=True)
    form = BudgetForm(request.POST or None, plan=plan,
                      initial={"element": request.GET.get("element")})
    created = []
    if form_saved(request, form, lambda data: created.append(services.budget_save(
            plan=plan, user=request.user, **data))):
        return redirect(_budget_url(created[0]))
    return render(request, "budgets/budget_form.html", {
        "organization": plan.organization, "plan": plan, "section": "editor", "form": form})


@login_required
def budget_detail(request, org, plan, budget_id):
    """The budget, its lines and personnel costs, with forms to change them."""
    writing = request.method == "POST"
    plan = plan_for_member(request.user, org, plan, write=writing)
    budget = budget_for_user(request.user, plan, budget_id, write=writing)
    form = BudgetForm(request.POST or None, plan=plan, editing=True,
                      initial={"period_total": budget.period_total, "note": budget.note})
    if form_saved(request, form, lambda data: services.budget_save(
            plan=plan, user=request.user, element=budget.element, **data)):
        messages.success(request, _("The budget has been saved."))
        return redirect(_budget_url(budget))
    budget = (Budget.objects.select_related("element").prefetch_related("lines",
                                                                        "personnel_costs")
              .get(pk=budget.pk))
    periods = selectors.periods_of(plan)
    current = selectors.current_period(periods)
    return render(request, "budgets/budget_detail.html", {
        "organization": plan.organization, "plan": plan, "section": "editor",
        "budget": budget, "form": form,
        "summary": selectors.BudgetSummary(budget=budget, lines=budget.arithmetic_lines(),
                                           up_to_year=current.year if current
                                           else plan.end_year),
        "line_form": BudgetLineForm(plan=plan), "cost_form": PersonnelCostForm(plan=plan),
        "can_edit": can_edit_plan(request.user, plan)})


@login_required
def line_edit(request, org, plan, budget_id, line_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    budget = budget_for_user(request.user, plan, budget_id, write=True)
    line = line_for_user(request.user, budget, line_id, write=True) if line_id else None
    initial = {name: getattr(line, name) for name in ("year", "chapter", "phase", "amount",
                                                       "concept")} if line else {}
    form = BudgetLineForm(request.POST or None, plan=plan, initial=initial)
    if form_saved(request, form, lambda data: services.budget_line_save(
            budget=budget, user=request.user, line=line, **data)):
        messages.success(request, _("The budget line has been saved."))
        return redirect(_budget_url(budget))
    return render(request, "budgets/line_form.html", {
        "organization": plan.organization, "plan": plan, "section": "editor", "budget": budget,
        "form": form, "line": line, "action": "line"})


@login_required
@require_POST
def line_delete(request, org, plan, budget_id, line_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    budget = budget_for_user(request.user, plan, budget_id, write=True)
    line = line_for_user(request.user, budget, line_id, write=True)
    try:
        services.budget_line_delete(line=line, user=request.user)
        messages.success(request, _("The budget line has been deleted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_budget_url(budget))


@login_required
def cost_edit(request, org, plan, budget_id, cost_id=None):
    plan = plan_for_member(request.user, org, plan, write=True)
    budget = budget_for_user(request.user, plan, budget_id, write=True)
    cost = cost_for_user(request.user, budget, cost_id, write=True) if cost_id else None
    initial = {name: getattr(cost, name) for name in ("year", "chapter", "phase", "hours",
                                                       "hourly_cost", "concept")} if cost else {}
    form = PersonnelCostForm(request.POST or None, plan=plan, initial=initial)
    if form_saved(request, form, lambda data: services.personnel_cost_save(
            budget=budget, user=request.user, cost=cost, **data)):
        messages.success(request, _("The personnel co-financing has been saved."))
        return redirect(_budget_url(budget))
    return render(request, "budgets/line_form.html", {
        "organization": plan.organization, "plan": plan, "section": "editor", "budget": budget,
        "form": form, "line": cost, "action": "cost"})


@login_required
@require_POST
def cost_delete(request, org, plan, budget_id, cost_id):
    plan = plan_for_member(request.user, org, plan, write=True)
    budget = budget_for_user(request.user, plan, budget_id, write=True)
    cost = cost_for_user(request.user, budget, cost_id, write=True)
    try:
        services.personnel_cost_delete(cost=cost, user=request.user)
        messages.success(request, _("The personnel co-financing has been deleted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_budget_url(budget))

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from budgets import arithmetic
from plans.models import Element, Plan


class Chapter(models.IntegerChoices):
    """Expenditure chapters of Spanish local budgets."""

    I = 1, _("I. Personnel")  # noqa: E741 — the chapter's own Roman numeral
    II = 2, _("II. Current goods and services")
    III = 3, _("III. Financial expenses")
    IV = 4, _("IV. Current transfers")
    V = 5, _("V. Contingency fund")
    VI = 6, _("VI. Real investments")
    VII = 7, _("VII. Capital transfers")
    VIII = 8, _("VIII. Financial assets")
    IX = 9, _("IX. Financial liabilities")


class Phase(models.TextChoices):
    INITIAL = arithmetic.INITIAL, _("Initial credit")
    DEFINITIVE = arithmetic.DEFINITIVE, _("Definitive credit")
    EXECUTED = arithmetic.EXECUTED, _("Recognised obligations (executed)")


class Budget(models.Model):
    """The money of a plan, or of one of its elements (a programme): the budget for the whole
    period and its lines by year, chapter and phase."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budgets")
    element = models.ForeignKey(Element, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="budgets", verbose_name=_("element"),
                                help_text=_("Empty: the budget of the whole plan."))
    period_total = models.DecimalField(
        _("budget for the whole period"), max_digits=14, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0)])
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "element"], name="one_budget_per_element"),
            models.UniqueConstraint(fields=["plan"], condition=Q(element__isnull=True),
                                    name="one_budget_per_plan"),
            models.CheckConstraint(condition=Q(period_total__isnull=True)
                                   | Q(period_total__gte=0), name="budget_total_not_negative"),
        ]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self):
        return str(self.element or self.plan)

    def arithmetic_lines(self) -> list[arithmetic.Line]:
        """Its lines and personnel costs as plain lines (uses prefetched relations)."""
        lines = [arithmetic.Line(line.year, line.chapter, line.phase, line.amount)
                 for line in self.lines.all()]
        lines += [arithmetic.Line(cost.year, cost.chapter, cost.phase, cost.amount)
                  for cost in self.personnel_costs.all()]
        return lines


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    year = models.PositiveSmallIntegerField(_("year"))
    chapter = models.PositiveSmallIntegerField(
        _("chapter"), choices=Chapter.choices, null=True, blank=True,
        help_text=_("Empty when the source gives the amount without splitting it by chapter."))
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices,
                             default=Phase.EXECUTED)
    amount = models.DecimalField(_("amount (€)"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    concept = models.CharField(_("concept"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "chapter", "phase", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.year} · {self.get_chapter_display() or '—'} · {self.get_phase_display()}"


class PersonnelCost(models.Model):
    """Personnel co-financing: hours devoted to the programme times the hourly cost. The
    amount is computed, and always shown with the note that it is a proportional calculation."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="personnel_costs")
    year = models.PositiveSmallIntegerField(_("year"))
    chapter = models.PositiveSmallIntegerField(_("chapter"), choices=Chapter.choices,
                                               default=Chapter.I)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices,
                             default=Phase.EXECUTED)
    hours = models.DecimalField(_("hours"), max_digits=10, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.01"))])
    hourly_cost = models.DecimalField(_("cost per hour (€)"), max_digits=10, decimal_places=2,
                                      validators=[MinValueValidator(0),
                                                  MaxValueValidator(100000)])
    concept = models.CharField(_("concept"), max_length=200, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="personnel_hours_positive"),
            models.CheckConstraint(condition=Q(hourly_cost__gte=0),
                                   name="personnel_cost_not_negative"),
        ]
        verbose_name = _("personnel co-financing")
        verbose_name_plural = _("personnel co-financing")

    def __str__(self):
        return f"{self.year} · {self.hours} h × {self.hourly_cost} €"

    @property
    def amount(self) -> Decimal:
        return arithmetic.personnel_amount(self.hours, self.hourly_cost)

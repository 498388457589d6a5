from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.models import Chapter, Phase
from core.forms import LocalDecimalField
from plans.models import Element, Plan


class BudgetForm(forms.Form):
    element = forms.ModelChoiceField(label=_("Element"), required=False,
                                     queryset=Element.objects.none(),
                                     empty_label=_("(the whole plan)"))
    period_total = LocalDecimalField(label=_("Budget for the whole period (€)"), required=False,
                                     min_value=0, decimal_places=2, max_digits=14)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan: Plan, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["element"]
        else:
            self.fields["element"].queryset = plan.elements.select_related("level")
            self.fields["element"].label_from_instance = (
                lambda e: f"{e.level.name} · {e.code} {e.title}".replace("  ", " ")[:120])


class BudgetLineForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    chapter = forms.TypedChoiceField(label=_("Chapter"), coerce=int, required=False,
                                     empty_value=None,
                                     choices=[("", _("(not split by chapter)")),
                                              *Chapter.choices])
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, initial=Phase.EXECUTED)
    amount = LocalDecimalField(label=_("Amount (€)"), decimal_places=2, max_digits=14)
    concept = forms.CharField(label=_("Concept"), max_length=200, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in plan.years]


class PersonnelCostForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    chapter = forms.TypedChoiceField(label=_("Chapter"), coerce=int, choices=Chapter.choices,
                                     initial=Chapter.I)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, initial=Phase.EXECUTED)
    hours = LocalDecimalField(label=_("Hours"), decimal_places=2, max_digits=10)
    hourly_cost = LocalDecimalField(label=_("Cost per hour (€)"), decimal_places=2,
                                    max_digits=10)
    concept = forms.CharField(label=_("Concept"), max_length=200, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in plan.years]

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDecimalField, RichTextField
from monitoring.models import (
    DisaggregationCategory,
    Event,
    Indicator,
    IndicatorValue,
    MonitoringPolicy,
    Progress,
)
from organizations.models import Body, Organization
from plans.models import Element, Plan


class PolicyForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("Reporting periods"),
                                    choices=MonitoringPolicy.PeriodKind.choices)
    pace = forms.ChoiceField(label=_("Expected pace"), choices=MonitoringPolicy.Pace.choices,
                             widget=forms.RadioSelect)
    tolerance = LocalDecimalField(label=_("Tolerance (points)"), min_value=0, max_value=100,
                                  decimal_places=2,
                                  help_text=MonitoringPolicy._meta.get_field("tolerance")
                                  .help_text)
    rollup = forms.ChoiceField(label=_("Roll-up rule"), choices=MonitoringPolicy.Rollup.choices,
                               widget=forms.RadioSelect)
    publication = forms.ChoiceField(
        label=_("Publish each period's data"), choices=MonitoringPolicy.Publication.choices,
        widget=forms.RadioSelect,
        help_text=MonitoringPolicy._meta.get_field("publication").help_text)
    data_note = forms.CharField(label=_("Note on the data"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=MonitoringPolicy._meta.get_field("data_note")
                                .help_text)


class PeriodGenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Periods to create"),
                             choices=MonitoringPolicy.PeriodKind.choices)


def _split_label(option) -> str:
    return str(option)


class EntryForm(forms.Form):
    """One element's data for one period: its progress, the values of its indicators (with
    their split and target) and its ratings — entered and saved together."""

    status = forms.ChoiceField(label=_("Status"), choices=Progress.Status.choices)
    percent = LocalDecimalField(label=_("Executed (%)"), required=False, min_value=0,
                                max_value=100, decimal_places=2,
                                help_text=Progress._meta.get_field("percent").help_text)
    deployment = RichTextField(label=_("State of deployment"))
    next_actions = RichTextField(label=_("Actions foreseen for the next year"))
    bodies = forms.TypedMultipleChoiceField(label=_("Services involved"), required=False,
                                            coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, element: Element, indicators, scales, rolled_up: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.element = element
        if rolled_up:
            # Its percentage comes from its children; asking for it would mislead.
            del self.fields["percent"]
        self.fields["bodies"].choices = [
            (b.pk, str(b)) for b in Body.objects.filter(organization=element.plan.organization)]
        self.indicator_groups = []
        for indicator in indicators:
            names = {"total": f"indicator-{indicator.pk}-total",
                     "target": f"indicator-{indicator.pk}-target",
                     "baseline": f"indicator-{indicator.pk}-baseline",
                     "text": f"indicator-{indicator.pk}-text", "splits": []}
            if indicator.measure_type == Indicator.MeasureType.QUALITATIVE:
                self.fields[names["text"]] = forms.CharField(
                    label=_("Value"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
                names["total"] = names["target"] = names["baseline"] = None
            else:
                self.fields[names["total"]] = LocalDecimalField(label=_("Actual"),
                                                                required=False,
                                                                decimal_places=2)
                self.fields[names["target"]] = LocalDecimalField(label=_("Target"),
                                                                 required=False,
                                                                 decimal_places=2)
                self.fields[names["baseline"]] = LocalDecimalField(label=_("Baseline"),
                                                                   required=False,
                                                                   decimal_places=2)
                self.fields[names["text"]] = forms.CharField(label=_("Note"), required=False,
                                                             max_length=500)
                for category in indicator.categories.all():
                    for option in category.options.all():
                        name = f"indicator-{indicator.pk}-split-{option.pk}"
                        self.fields[name] = LocalDecimalField(label=_split_label(option),
                                                              required=False, decimal_places=2)
                        names["splits"].append((option, name))
            self.indicator_groups.append((indicator, names))
        self.scale_groups = []
        for scale in scales:
            names = []
            for level in scale.levels.all():
                name = f"rating-{level.pk}"
                self.fields[name] = forms.IntegerField(label=level.name, required=False,
                                                       min_value=0)
                names.append((level, name))
            self.scale_groups.append((scale, names))

    @staticmethod
    def initial_for(progress: Progress | None, indicators, values, ratings) -> dict:
        initial = {"status": Progress.Status.IN_PROGRESS}
        if progress is not None:
            initial = {"status": progress.status, "percent": progress.percent,
                       "deployment": progress.deployment, "next_actions": progress.next_actions,
                       "bodies": [b.pk for b in progress.bodies.all()]}
        for indicator in indicators:
            actual = values.get((indicator.pk, IndicatorValue.Kind.ACTUAL))
            target = values.get((indicator.pk, IndicatorValue.Kind.TARGET))
            if actual is not None:
                initial[f"indicator-{indicator.pk}-total"] = actual.total
                initial[f"indicator-{indicator.pk}-text"] = actual.text
                for split in actual.splits.all():
                    initial[f"indicator-{indicator.pk}-split-{split.option_id}"] = split.amount
            if target is not None:
                initial[f"indicator-{indicator.pk}-target"] = target.total
            baseline = values.get((indicator.pk, IndicatorValue.Kind.BASELINE))
            if baseline is not None:
                initial[f"indicator-{indicator.pk}-baseline"] = baseline.total
        for level_id, count in ratings.items():
            initial[f"rating-{level_id}"] = count
        return initial

    def bound(self, name: str | None):
        return self[name] if name else None


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    element = forms.ModelChoiceField(label=_("Element"), required=False,
                                     queryset=Element.objects.none(),
                                     empty_label=_("(the whole plan)"))
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False,
                           help_text=Indicator._meta.get_field("unit").help_text)
    measure_type = forms.ChoiceField(label=_("Measure"), choices=Indicator.MeasureType.choices)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False,
                                          initial=True)
    time_aggregation = forms.ChoiceField(label=_("Over time"),
                                         choices=Indicator.TimeAggregation.choices)
    organization_aggregation = forms.ChoiceField(
        label=_("Over organisations"), choices=Indicator.OrganizationAggregation.choices)
    categories = forms.ModelMultipleChoiceField(
        label=_("Disaggregated by"), required=False, widget=forms.CheckboxSelectMultiple,
        queryset=DisaggregationCategory.objects.none())
    description = RichTextField(label=_("Description"))
    slug = forms.SlugField(label=_("Identifier"), max_length=80, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].queryset = plan.elements.select_related("level")
        self.fields["element"].label_from_instance = (
            lambda e: f"{e.level.name} · {e.code} {e.title}".replace("  ", " ")[:120])
        self.fields["categories"].queryset = DisaggregationCategory.objects.filter(
            Q(organization__isnull=True) | Q(organization=plan.organization))


class EventForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    date = forms.DateField(label=_("Date"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=Event._meta.get_field("date").help_text)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False,
                                  help_text=_("Needed when there is no date."))
    element = forms.ModelChoiceField(label=_("Element"), required=False,
                                     queryset=Element.objects.none(),
                                     empty_label=_("(the whole plan)"))
    count = forms.IntegerField(label=_("How many"), min_value=1, initial=1,
                               help_text=Event._meta.get_field("count").help_text)
    description = RichTextField(label=_("Description"))
    bodies = forms.ModelMultipleChoiceField(label=_("Bodies taking part"), required=False,
                                            queryset=Body.objects.none(),
                                            widget=forms.CheckboxSelectMultiple)
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"), required=False,
        queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple)
    attendance = forms.IntegerField(label=_("People attending"), required=False, min_value=0)

    def __init__(self, *args, plan: Plan, split_options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in plan.years]
        self.fields["element"].queryset = plan.elements.select_related("level")
        self.fields["element"].label_from_instance = (
            lambda e: f"{e.level.name} · {e.code} {e.title}".replace("  ", " ")[:120])
        self.fields["bodies"].queryset = Body.objects.filter(organization=plan.organization)
        self.fields["organizations"].queryset = Organization.objects.exclude(
            pk=plan.organization_id)
        self.split_names = []
        for option in split_options:
            name = f"attendance-{option.pk}"
            self.fields[name] = forms.IntegerField(label=str(option), required=False,
                                                   min_value=0)
            self.split_names.append((option, name))

    def clean(self):
        data = super().clean()
        if not data.get("date") and not data.get("year"):
            self.add_error("year", _("Give the date, or at least the year."))
        return data

    def attendance_split(self) -> dict:
        return {option: self.cleaned_data.get(name) for option, name in self.split_names}


class RatingScaleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    key = forms.SlugField(label=_("Identifier"), max_length=40, required=False)
    levels = forms.CharField(label=_("Levels, lowest first"), widget=forms.Textarea(
        attrs={"rows": 4}), help_text=_("One per line, e.g. Poc, Suficient, Molt."))
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def level_list(self) -> list[tuple[str, str]]:
        from django.utils.text import slugify

        names = [line.strip() for line in self.cleaned_data["levels"].splitlines()
                 if line.strip()]
        return [(slugify(name)[:40] or f"nivell-{n}", name) for n, name in
                enumerate(names, start=1)]


class CategoryForm(forms.Form):
    name_ca = forms.CharField(label=_("Name in Catalan"), max_length=80)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=80, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=80, required=False)


class OptionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name_ca = forms.CharField(label=_("Name in Catalan"), max_length=80, required=False)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=80, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=80, required=False)
    is_not_recorded = forms.BooleanField(label=_("Means “not recorded”"), required=False)


OptionFormSet = forms.formset_factory(OptionForm, extra=3)

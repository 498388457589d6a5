from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import RichTextField
from organizations.models import Body
from plans.models import Element, Level, Link, Plan, PlanSection, Term
from plans.services import LEVEL_PRESETS

PRESET_LABELS = {
    "axis_objective_measure": _("Axis → Objective → Measure"),
    "line_actionline_action": _("Strategic line → Action line → Action"),
    "programme_action": _("Programme → Action"),
    "area_action": _("Area → Action"),
}


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(label=_("Identifier"), max_length=80, required=False,
                           help_text=_("Used in addresses, e.g. pla-treball-2025. Left empty, "
                                       "it is made from the title."))
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=Plan.Kind.choices)
    start_year = forms.IntegerField(label=_("First year"), min_value=1900, max_value=2200)
    end_year = forms.IntegerField(label=_("Last year"), min_value=1900, max_value=2200)
    parent = forms.ModelChoiceField(label=_("Part of the plan"), required=False,
                                    queryset=Plan.objects.none())

    def __init__(self, *args, organization, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Plan.objects.filter(organization=organization)
        if plan is not None:
            parents = parents.exclude(pk=plan.pk)
        self.fields["parent"].queryset = parents


class PlanCreateForm(PlanForm):
    level_preset = forms.ChoiceField(
        label=_("Structure"), required=False,
        choices=[("", _("I will define the levels myself"))]
        + [(key, PRESET_LABELS[key]) for key in LEVEL_PRESETS],
        help_text=_("The levels of the plan's tree. They can be renamed and changed later."),
    )


class PlanStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Plan.Status.choices,
                               widget=forms.RadioSelect)
    amendments_from = forms.DateField(label=_("Amendments open from"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    amendments_to = forms.DateField(label=_("Amendments open until"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    approved_on = forms.DateField(label=_("Approved on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    approved_place = forms.CharField(label=_("Approved at (place)"), max_length=120,
                                     required=False)
    approved_by = forms.CharField(label=_("Approved by"), max_length=200, required=False,
                                  help_text=_("The body that approved it, e.g. the assembly."))


class PlanSectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanSection.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    body = RichTextField(label=_("Text"))


class LevelForm(forms.Form):
    name_ca = forms.CharField(label=_("Name in Catalan"), max_length=80)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=80, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=80, required=False)
    plural_ca = forms.CharField(label=_("Plural in Catalan"), max_length=80, required=False,
                                help_text=_("For headings over several elements, e.g. "
                                            "“Línies estratègiques”."))
    plural_es = forms.CharField(label=_("Plural in Spanish"), max_length=80, required=False)
    plural_en = forms.CharField(label=_("Plural in English"), max_length=80, required=False)
    key = forms.SlugField(label=_("Identifier"), max_length=40, required=False)
    parent = forms.ModelChoiceField(label=_("Parent level"), required=False,
                                    queryset=Level.objects.none(),
                                    empty_label=_("(none: top of the plan)"))
    code_pattern = forms.CharField(label=_("Code style"), max_length=40, required=False,
                                   help_text=Level._meta.get_field("code_pattern").help_text)
    holds_actions = forms.BooleanField(label=_("Holds actions"), required=False,
                                       help_text=Level._meta.get_field("holds_actions")
                                       .help_text)

    def __init__(self, *args, plan, level=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Level.objects.filter(plan=plan)
        if level is not None:
            queryset = queryset.exclude(pk=level.pk)
        self.fields["parent"].queryset = queryset


class TermForm(forms.Form):
    vocabulary = forms.ChoiceField(label=_("Vocabulary"), choices=Term.Vocabulary.choices)
    name = forms.CharField(label=_("Name"), max_length=200)


class ElementInlineForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    title = forms.CharField(label=_("Title"), max_length=600)


class ElementForm(ElementInlineForm):
    """All of an element's own fields; action fields are added when its level holds actions."""

    description = RichTextField(label=_("Description"))
    slug = forms.SlugField(label=_("Identifier"), max_length=80, required=False,
                           help_text=_("Used in addresses and imports. Left empty, it is made "
                                       "from the code or the title."))
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=8, decimal_places=3,
                                initial=1, help_text=Element._meta.get_field("weight").help_text)
    is_highlighted = forms.BooleanField(label=_("Highlighted action"), required=False)

    def __init__(self, *args, plan: Plan, level: Level, element: Element | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.level, self.element = plan, level, element
        self.show_action_fields = level.holds_actions or (
            element is not None and (element.terms.exists() or element.element_bodies.exists()
                                     or element.calendar.exists()))
        if not self.show_action_fields:
            return
        terms = list(plan.terms.all())

        def vocabulary(name):
            return [(t.pk, t.name) for t in terms if t.vocabulary == name]

        self.fields["is_continuity"] = forms.BooleanField(label=_("Continuity action"),
                                                          required=False)
        self.fields["is_agreement_linked"] = forms.BooleanField(
            label=_("Linked to the agreement"), required=False)
        self.fields["action_type"] = forms.TypedChoiceField(
            label=_("Action type"), required=False, coerce=int, empty_value=None,
            choices=[("", "—")] + vocabulary(Term.Vocabulary.ACTION_TYPE))
        for name, label, vocab in (
            ("instruments", _("Instruments"), Term.Vocabulary.INSTRUMENT),
            ("thematic_scopes", _("Thematic scopes"), Term.Vocabulary.THEMATIC_SCOPE),
            ("budget_sources", _("Budget sources"), Term.Vocabulary.BUDGET_SOURCE),
            ("source_codes", _("Participatory proposal codes"), Term.Vocabulary.SOURCE_CODE),
        ):
            choices = vocabulary(vocab)
            if choices:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=label, required=False, coerce=int, choices=choices,
                    widget=forms.CheckboxSelectMultiple)
        bodies = [(b.pk, str(b)) for b in Body.objects.filter(organization=plan.organization)]
        self.fields["responsible"] = forms.TypedMultipleChoiceField(
            label=_("Responsible bodies"), required=False, coerce=int, choices=bodies,
            widget=forms.CheckboxSelectMultiple)
        self.fields["involved"] = forms.TypedMultipleChoiceField(
            label=_("Services and partners involved"), required=False, coerce=int,
            choices=bodies, widget=forms.CheckboxSelectMultiple)
        marks = []
        for year in plan.years:
            marks.append((f"{year}", f"{year}"))
            marks.extend((f"{year}-{q}", f"{year} T{q}") for q in range(1, 5))
        self.fields["calendar"] = forms.MultipleChoiceField(
            label=_("Calendar"), required=False, choices=marks,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The year, or the quarters of the year, in which it is scheduled."))

    def calendar_rows(self):
        """The calendar checkboxes as rows of a grid: (year, [whole year, T1, T2, T3, T4])."""
        if "calendar" not in self.fields:
            return []
        options = list(self["calendar"])
        return [(options[i].choice_label, options[i:i + 5]) for i in range(0, len(options), 5)]

    @staticmethod
    def initial_for(element: Element) -> dict:
        terms = list(element.terms.all())
        action_types = [t.pk for t in terms if t.vocabulary == Term.Vocabulary.ACTION_TYPE]
        return {
            "code": element.code, "title": element.title, "slug": element.slug,
            "description": element.description, "weight": format(element.weight.normalize(), "f"),
            "is_highlighted": element.is_highlighted, "is_continuity": element.is_continuity,
            "is_agreement_linked": element.is_agreement_linked,
            "action_type": action_types[0] if action_types else None,
            "instruments": [t.pk for t in terms if t.vocabulary == Term.Vocabulary.INSTRUMENT],
            "thematic_scopes": [t.pk for t in terms
                                if t.vocabulary == Term.Vocabulary.THEMATIC_SCOPE],
            "budget_sources": [t.pk for t in terms
                               if t.vocabulary == Term.Vocabulary.BUDGET_SOURCE],
            "source_codes": [t.pk for t in terms if t.vocabulary == Term.Vocabulary.SOURCE_CODE],
            "responsible": [b.pk for b in element.bodies_with_role("responsible")],
            "involved": [b.pk for b in element.bodies_with_role("involved")],
            "calendar": [f"{m.year}" if m.quarter is None else f"{m.year}-{m.quarter}"
                         for m in element.calendar.all()],
        }

    def service_arguments(self) -> dict:
        """The cleaned data as keyword arguments of ``element_create``/``element_update``."""
        data = self.cleaned_data
        arguments = {"code": data["code"], "title": data["title"],
                     "description": data["description"], "weight": data["weight"],
                     "is_highlighted": data["is_highlighted"]}
        if data.get("slug"):
            arguments["slug"] = data["slug"]
        if not self.show_action_fields:
            return arguments
        arguments["is_continuity"] = data["is_continuity"]
        arguments["is_agreement_linked"] = data["is_agreement_linked"]
        term_ids = [data["action_type"]] if data.get("action_type") else []
        for name in ("instruments", "thematic_scopes", "budget_sources", "source_codes"):
            term_ids += data.get(name, [])
        keep = [] if self.element is None else [
            t.pk for t in self.element.terms.all() if t.vocabulary not in
            {Term.Vocabulary.ACTION_TYPE, *self._vocabularies_in_form()}]
        arguments["terms"] = list(Term.objects.filter(plan=self.plan, pk__in=term_ids + keep))
        bodies = {b.pk: b for b in Body.objects.filter(organization=self.plan.organization)}
        for role in ("responsible", "involved"):
            chosen = set(data[role])
            current = ([b.pk for b in self.element.bodies_with_role(role)]
                       if self.element is not None else [])
            ordered = [pk for pk in current if pk in chosen]
            ordered += [pk for pk in bodies if pk in chosen and pk not in ordered]
            arguments[role] = [bodies[pk] for pk in ordered]
        calendar = []
        for value in data["calendar"]:
            year, _sep, quarter = value.partition("-")
            calendar.append((int(year), int(quarter) if quarter else None))
        arguments["calendar"] = calendar
        return arguments

    def _vocabularies_in_form(self):
        names = {"instruments": Term.Vocabulary.INSTRUMENT,
                 "thematic_scopes": Term.Vocabulary.THEMATIC_SCOPE,
                 "budget_sources": Term.Vocabulary.BUDGET_SOURCE,
                 "source_codes": Term.Vocabulary.SOURCE_CODE}
        return {vocab for field, vocab in names.items() if field in self.fields}


class ElementMoveForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("New parent"), queryset=Element.objects.none(),
                                    required=False)
    position = forms.IntegerField(label=_("Position among its new siblings"), min_value=1,
                                  required=False, help_text=_("1 is the first. Empty: last."))

    def __init__(self, *args, element: Element, **kwargs):
        super().__init__(*args, **kwargs)
        parent_level = element.level.parent
        if parent_level is None:
            del self.fields["parent"]
        else:
            self.fields["parent"].required = True
            self.fields["parent"].queryset = Element.objects.filter(
                plan=element.plan, level=parent_level).order_by("order", "pk")
            self.fields["parent"].label_from_instance = (
                lambda e: f"{e.code} {e.title}".strip()[:120])


class ElementSectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"),
                             choices=Element.sections.rel.related_model.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    body = RichTextField(label=_("Text"))


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of link"), choices=Link.Kind.choices)
    target = forms.ModelChoiceField(label=_("Linked element"), queryset=Element.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, target_plan: Plan, source: Element, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (Element.objects.filter(plan=target_plan)
                                          .exclude(pk=source.pk)
                                          .select_related("level").order_by("level__order",
                                                                            "order", "pk"))
        self.fields["target"].label_from_instance = (
            lambda e: f"{e.level.name} · {e.code} {e.title}".replace("  ", " ")[:140])

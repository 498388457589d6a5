from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LanguageSelect
from plans.models import Plan
from reports.builders.annual import programmes_of
from reports.formats import FORMATS

LANGUAGES = [("ca", "Català"), ("es", "Español"), ("en", "English")]


def _format_choices():
    return [(name, module.label()) for name, module in FORMATS.items()]


class ReportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), initial="pdf")
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="ca",
                                 widget=LanguageSelect)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["format"].choices = _format_choices()


class AnnualReportForm(ReportForm):
    programme = forms.TypedChoiceField(label=_("Programme"), coerce=int, required=False,
                                       empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.programmes = {p.pk: p for p in programmes_of(plan)}
        self.fields["programme"].choices = [("", _("All programmes (a zip file)"))] + [
            (p.pk, f"{p.code} {p.title}".strip()) for p in self.programmes.values()]
        self.fields["year"].choices = [(y, y) for y in plan.years]


class CardForm(ReportForm):
    element = forms.TypedChoiceField(label=_("Element"), coerce=int)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.elements = {e.pk: e for e in plan.elements.select_related("level")}
        self.fields["element"].choices = [
            (e.pk, f"{e.level.name} · {e.code} {e.title}".replace("  ", " ")[:120])
            for e in self.elements.values()]

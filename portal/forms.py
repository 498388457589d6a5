from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import Progress
from portal.selectors import NO_DATA, FilterChoices, Filters


def _indent(element) -> str:
    return f"{element.code} {element.title}".strip()[:90]


class ElementFilterForm(forms.Form):
    """The filters of a plan's elements. Every field is optional; an unknown value is an
    error shown next to its field, not a silent empty result."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    line = forms.TypedChoiceField(label=_("Within"), required=False, coerce=int,
                                  empty_value=None)
    body = forms.TypedChoiceField(label=_("Body"), required=False, coerce=int,
                                  empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    scope = forms.TypedChoiceField(label=_("Thematic scope"), required=False, coerce=int,
                                   empty_value=None)
    year = forms.TypedChoiceField(label=_("Scheduled in"), required=False, coerce=int,
                                  empty_value=None)
    period = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, choices: FilterChoices, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["line"].choices = everything + [
            (e.pk, f"{e.level.name} · {_indent(e)}") for e in choices.lines]
        self.fields["body"].choices = everything + [(b.pk, b.label) for b in choices.bodies]
        self.fields["status"].choices = everything + list(Progress.Status.choices) + [
            (NO_DATA, _("No data"))]
        self.fields["scope"].choices = everything + [(t.pk, t.name) for t in choices.scopes]
        self.fields["year"].choices = everything + [(y, y) for y in choices.years]
        if not choices.scopes:
            del self.fields["scope"]
        if not choices.bodies:
            del self.fields["body"]

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(q=data.get("q", "").strip(), line=data.get("line"),
                       body=data.get("body"), status=data.get("status") or "",
                       scope=data.get("scope"), year=data.get("year"))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the published plans"), max_length=200, required=False)

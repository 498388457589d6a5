from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import Body, DataLicence, Organization, Role


class BodyForm(forms.Form):
    acronym = forms.CharField(label=_("Acronym"), max_length=20, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    functions = forms.CharField(label=_("Functions"), required=False, widget=forms.Textarea)
    meeting_periodicity = forms.ChoiceField(
        label=_("Meeting periodicity"), required=False,
        choices=[("", "—"), *Body.Periodicity.choices])
    holders = forms.CharField(label=_("Holders"), max_length=200, required=False,
                              help_text=Body._meta.get_field("holders").help_text)
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"), required=False, queryset=Organization.objects.none(),
        help_text=_("When the body stands for another organisation, e.g. a network it "
                    "belongs to."))
    slug = forms.SlugField(label=_("Identifier"), max_length=80, required=False,
                           help_text=_("Used in imports. Left empty, it is made from the "
                                       "acronym or the name."))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organization.objects.exclude(pk=organization.pk)


class MembershipAddForm(forms.Form):
    person = forms.CharField(label=_("User name or e-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class LicenceForm(forms.Form):
    licence = forms.ChoiceField(
        label=_("Licence of the open data"), choices=DataLicence.choices,
        widget=forms.RadioSelect,
        help_text=_("Applies to the downloads (JSON, XLSX, CSV) of every published plan of the "
                    "organisation. Whoever reuses the data must respect it."))

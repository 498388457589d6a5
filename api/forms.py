from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"), max_length=100,
        help_text=_("A name to tell it apart, e.g. “Monthly upload from the municipal "
                    "accounts”."))
